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

  List<String> flags(String[] args) throws Exception {
    return ClassArchive.flags(jar(), args, null, () -> dir.resolve("data"));
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
    assertThat(flags).contains("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    assertThat(stale).doesNotExist();
  }

  @Test
  @DisplayName("a server start maps the archive the build recorded for this very jar")
  void aServerStartMapsTheBuildsArchive() throws Exception {
    Path recorded = archiveIn(flags(RECORD), "-XX:ArchiveClassesAtExit");
    Files.writeString(recorded, "archive");
    assertThat(archiveIn(flags(SERVER), "-XX:SharedArchiveFile")).isEqualTo(recorded);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  @DisplayName("without one from the build, the first server run records into the data dir and the next maps it")
  void otherwiseTheDataDirHoldsItsOwn() throws Exception {
    Path own = archiveIn(flags(SERVER), "-XX:ArchiveClassesAtExit");
    assertThat(own.getParent()).isEqualTo(dir.resolve("data").resolve("jvm"));
    Files.writeString(own, "archive");
    assertThat(archiveIn(flags(SERVER), "-XX:SharedArchiveFile")).isEqualTo(own);
  }

  @Test
  @DisplayName("a rebuilt jar never maps the archive of the jar before it")
  void aRebuiltJarRecordsAnew() throws Exception {
    Path recorded = archiveIn(flags(RECORD), "-XX:ArchiveClassesAtExit");
    Files.writeString(recorded, "archive");
    Files.setLastModifiedTime(jar(), FileTime.fromMillis(Files.getLastModifiedTime(jar()).toMillis() + 60_000));
    Path next = archiveIn(flags(SERVER), "-XX:ArchiveClassesAtExit");
    assertThat(next).isNotEqualTo(recorded);
    assertThat(next.getFileName()).isNotEqualTo(recorded.getFileName());
  }

  @Test
  @DisplayName("commands such as rotate-keys run without an archive: their classes are not the server's")
  void commandsRunWithout() throws Exception {
    assertThat(flags(new String[] {"rotate-keys"})).isEmpty();
    assertThat(flags(new String[] {"import", "f.ndjson"})).isEmpty();
  }
}
