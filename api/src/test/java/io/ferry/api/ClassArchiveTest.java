package io.ferry.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the class archive a child JVM maps or records")
class ClassArchiveTest {
  static final String[] SERVER = {};
  static final String[] RECORD = {ClassArchive.RECORD};

  @TempDir
  Path dir;

  Path jar() throws Exception {
    Path jar = Files.createDirectories(dir.resolve("target")).resolve("ferry.jar");
    if (!Files.exists(jar)) {
      Files.writeString(jar, "not really a jar");
    }
    return jar;
  }

  ClassArchive.Plan plan(String[] args) throws Exception {
    return plan(args, null);
  }

  ClassArchive.Plan plan(String[] args, String javaOptions) throws Exception {
    return ClassArchive.plan(jar(), args, javaOptions, () -> dir.resolve("data"));
  }

  List<String> flags(String[] args) throws Exception {
    return plan(args).flags();
  }

  /** Records as the build does: the JVM writes the recording, a clean exit puts it in place. */
  Path recorded() throws Exception {
    ClassArchive.Plan record = plan(RECORD);
    Files.writeString(record.recording(), "archive");
    record.finish(0);
    return record.target();
  }

  static Path archiveIn(List<String> flags, String flag) {
    String f = flags.stream().filter(s -> s.startsWith(flag + "=")).findFirst().orElseThrow(() -> new AssertionError(flags.toString()));
    return Path.of(f.substring(flag.length() + 1));
  }

  @Test
  @DisplayName("the build's run records beside the jar, removing archives of earlier builds")
  void theBuildRecordsBesideTheJar() throws Exception {
    Path stale = Files.writeString(jar().resolveSibling("ferry-0ld.jsa"), "x");
    List<String> flags = flags(RECORD);
    assertThat(archiveIn(flags, "-XX:ArchiveClassesAtExit").getParent()).isEqualTo(jar().getParent());
    assertThat(plan(RECORD).target().getParent()).isEqualTo(jar().getParent());
    assertThat(flags).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    assertThat(stale).doesNotExist();
  }

  @Test
  @DisplayName("a server start maps the archive the build recorded for this very jar")
  void aServerStartMapsTheBuildsArchive() throws Exception {
    Path recorded = recorded();
    assertThat(archiveIn(flags(SERVER), "-XX:SharedArchiveFile")).isEqualTo(recorded);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  @DisplayName("without one from the build, the first server run records into the data dir and the next maps it")
  void otherwiseTheDataDirHoldsItsOwn() throws Exception {
    ClassArchive.Plan first = plan(SERVER);
    assertThat(first.target().getParent()).isEqualTo(dir.resolve("data").resolve("jvm"));
    Files.writeString(first.recording(), "archive");
    first.finish(143); // stopped with SIGTERM
    assertThat(archiveIn(flags(SERVER), "-XX:SharedArchiveFile")).isEqualTo(first.target());
  }

  @Test
  @DisplayName("a rebuilt jar never maps the archive of the jar before it")
  void aRebuiltJarRecordsAnew() throws Exception {
    Path recorded = recorded();
    Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 60_000));
    Path next = archiveIn(flags(SERVER), "-XX:ArchiveClassesAtExit");
    assertThat(next).isNotEqualTo(recorded);
    assertThat(next.getFileName()).isNotEqualTo(recorded.getFileName());
  }

  @Test
  @DisplayName("a run that failed (a bad option, a kill) leaves no archive, and the next server run records again")
  void aFailedRunLeavesNone() throws Exception {
    ClassArchive.Plan first = plan(SERVER);
    Files.writeString(first.recording(), "half an archive");
    first.finish(1);
    assertThat(first.recording()).doesNotExist();
    assertThat(first.target()).doesNotExist();
    assertThat(archiveIn(flags(SERVER), "-XX:ArchiveClassesAtExit")).isEqualTo(first.recording());
  }

  @Test
  @DisplayName("options that would keep a JVM from recording (no base archive to build on) get no archive at all")
  void optionsThatCannotRecordGetNone() throws Exception {
    for (String options : List.of("-Xshare:off", "-XX:-UseCompressedClassPointers", "-Xmx1g -XX:SharedArchiveFile=/x.jsa")) {
      assertThat(plan(SERVER, options).flags()).as(options).isEmpty();
      assertThat(plan(RECORD, options).recording()).as(options).isNull();
    }
  }

  @Test
  @DisplayName("a real JVM records an archive with the planned flags, and the next one maps it (-Xshare:on: no fallback)")
  void aRealJvmRecordsThenMapsIt() throws Exception {
    ClassArchive.Plan record = plan(RECORD);
    assertThat(java(record.flags())).isZero();
    record.finish(0);
    assertThat(record.target()).isRegularFile();
    List<String> mapping = new java.util.ArrayList<>(flags(SERVER));
    assertThat(archiveIn(mapping, "-XX:SharedArchiveFile")).isEqualTo(record.target());
    mapping.add("-Xshare:on");
    assertThat(java(mapping)).isZero();
  }

  /**
   * Runs {@link Hello} in a new JVM with {@code flags} and answers its exit status. Jars only on its class path, as
   * with {@code ferry.jar}: the JVM archives no class from a directory and fails the recording if one is on the path.
   */
  int java(List<String> flags) throws Exception {
    Path hello = dir.resolve("hello.jar");
    if (!Files.exists(hello)) {
      String entry = Hello.class.getName().replace('.', '/') + ".class";
      try (var in = Hello.class.getClassLoader().getResourceAsStream(entry);
           var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(hello))) {
        jar.putNextEntry(new java.util.jar.JarEntry(entry));
        in.transferTo(jar);
      }
    }
    String classPath = hello + java.io.File.pathSeparator + java.util.Arrays.stream(System.getProperty("java.class.path")
        .split(java.io.File.pathSeparator)).filter(e -> e.endsWith(".jar")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmDefaults.FLAGS);
    command.addAll(flags);
    command.addAll(List.of("-cp", classPath, Hello.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    int status = p.waitFor();
    assertThat(output).as("a JVM with " + flags).contains("hello");
    return status;
  }

  /** A small program that loads some of Ferry's classes. */
  public static final class Hello {
    public static void main(String[] args) {
      System.out.println(new io.vertx.core.json.JsonObject().put("say", "hello").encode());
    }
  }

  @Test
  @DisplayName("commands such as rotate-keys run without an archive: their classes are not the server's")
  void commandsRunWithout() throws Exception {
    assertThat(flags(new String[] {"rotate-keys"})).isEmpty();
    assertThat(flags(new String[] {"import", "f.ndjson"})).isEmpty();
  }
}
