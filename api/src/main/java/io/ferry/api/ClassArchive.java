package io.ferry.api;

import io.ferry.engine.config.FerryOptions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Class data sharing for the child JVM ({@link JvmDefaults}): starts map an archive of the classes a server loads
 * instead of loading and verifying them again (measured on a 2-core box: {@code /ready} in 2.5–3.1 s against 3.6–4.1 s
 * without it). The build records one beside the jar ({@code record-class-archive}: a short server run on a scratch
 * data dir, archived at exit with {@code -XX:ArchiveClassesAtExit}); a jar moved elsewhere or run on another JDK records
 * its own in the data dir when its first server run stops. One archive per jar path, size and time, JDK and
 * {@code FERRY_JAVA_OPTS}; a JVM that cannot use an archive runs without it. An archive is code the JVM maps: it lives
 * beside the jar or with the encryption key and the database, where only Ferry's user may write.
 */
final class ClassArchive {
  static final String RECORD = "record-class-archive";

  private ClassArchive() {
  }

  /**
   * What a child JVM does with an archive: its flags, and when it records one, the file the JVM writes at exit
   * ({@code recording}) and where it goes once the child stopped cleanly ({@code target}; {@link #finish}).
   */
  record Plan(List<String> flags, Path recording, Path target) {
    static final Plan NONE = new Plan(List.of(), null, null);

    /**
     * After the child exited: a recording is kept only from a clean stop (0, or 143 after SIGTERM), so a run that
     * failed to start or was killed mid-write never leaves an archive later starts would map. Safe to call twice.
     */
    synchronized void finish(int exitCode) {
      if (recording == null || !Files.exists(recording)) {
        return;
      }
      try {
        if ((exitCode == 0 || exitCode == 143) && Files.size(recording) > 0) {
          Files.move(recording, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(recording);
        }
      } catch (IOException e) {
        // the next server run records again
      }
    }
  }

  /** {@code java -jar ferry.jar record-class-archive}: the build's recording run. */
  static boolean recordRun(String[] args) {
    return args.length == 1 && RECORD.equals(args[0]);
  }

  /** The plan for a child running {@code args} from {@code jar}; none for commands (their classes are not the server's). */
  static Plan plan(Path jar, String[] args, String extraOptions, java.util.function.Supplier<Path> dataDir) {
    boolean record = recordRun(args);
    if (args.length > 0 && !record || !supported(extraOptions)) {
      return Plan.NONE;
    }
    try {
      String name = "ferry-" + Integer.toHexString(Objects.hash(jar.toAbsolutePath().toString(), Files.size(jar),
          Files.getLastModifiedTime(jar).toMillis(), System.getProperty("java.vm.version"), extraOptions, JvmDefaults.FLAGS)) + ".jsa";
      Path beside = jar.toAbsolutePath().getParent().resolve(name);
      if (record) {
        return recording(beside);
      }
      if (usable(beside)) {
        return mapping(beside);
      }
      Path own = dataDir.get().resolve("jvm").resolve(name);
      if (usable(own)) {
        return mapping(own);
      }
      Files.createDirectories(own.getParent());
      return recording(own);
    } catch (IOException | RuntimeException e) {
      return Plan.NONE; // the options are the child's to report; without an archive it only starts slower
    }
  }

  /**
   * Recording needs the JDK's own base archive (without it a JVM given {@code -XX:ArchiveClassesAtExit} refuses to
   * start) and options that keep it (no {@code -Xshare:off}, compressed class pointers on). Mapping an unusable archive
   * is harmless, recording one is not: anything uncertain goes without.
   */
  static boolean supported(String extraOptions) {
    String extra = extraOptions == null ? "" : extraOptions;
    if (extra.contains("-Xshare:off") || extra.contains("-XX:-UseCompressedClassPointers") || extra.contains("SharedArchiveFile")
        || extra.contains("ArchiveClassesAtExit")) {
      return false;
    }
    Path server = Path.of(System.getProperty("java.home"), "lib", "server");
    boolean compressedOops = !extra.contains("-XX:-UseCompressedOops");
    return Files.isRegularFile(server.resolve(compressedOops ? "classes.jsa" : "classes_nocoops.jsa"));
  }

  private static Plan mapping(Path archive) {
    return usablePath(archive) ? new Plan(flags("-XX:SharedArchiveFile=" + archive), null, null) : Plan.NONE;
  }

  private static Plan recording(Path target) throws IOException {
    Path dir = target.getParent();
    Path recording = dir.resolve(target.getFileName() + ".recording");
    if (!usablePath(recording) || !Files.isWritable(dir)) {
      return Plan.NONE;
    }
    removeOthers(dir, target.getFileName().toString());
    Files.deleteIfExists(recording);
    return new Plan(flags("-XX:ArchiveClassesAtExit=" + recording), recording, target);
  }

  /** The JVM splits archive paths on the path separator (a base and a top archive): such a path cannot be given. */
  private static boolean usablePath(Path p) {
    return !p.toString().contains(java.io.File.pathSeparator);
  }

  private static boolean usable(Path archive) throws IOException {
    return Files.isRegularFile(archive) && Files.size(archive) > 0;
  }

  /** Archives of earlier builds (their jar is gone or changed) and unfinished recordings: of no use to anyone. */
  private static void removeOthers(Path dir, String keep) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "ferry-*.jsa*")) {
      for (Path p : old) {
        if (!p.getFileName().toString().equals(keep)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * {@code record-class-archive}, in the child: a server start on a scratch data dir, the calls every start sees
   * (health, readiness, an admin read), and a stop; the JVM writes the archive as it exits. Never fails the build: a
   * missing archive only makes starts slower.
   */
  static int record() {
    Path dir = null;
    try {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .setLevel(ch.qos.logback.classic.Level.WARN);
      dir = Files.createTempDirectory("ferry-class-archive");
      String token = "fry_record_" + java.util.UUID.randomUUID().toString().replace("-", "");
      FerryOptions options = FerryOptions.from(java.util.Map.of("FERRY_DATA_DIR", dir.toString(), "FERRY_HTTP_PORT", "0"))
          .withApiToken(token);
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.builder().with(new io.vertx.core.VertxOptions()
          .setMetricsOptions(Launcher.metricsOptions(options))).build();
      Ferry ferry = Ferry.start(vertx, options).await();
      io.vertx.core.http.HttpClient client = vertx.createHttpClient();
      for (String path : List.of("/health", "/ready", "/integration", "/integrated-account")) {
        client.request(io.vertx.core.http.HttpMethod.GET, ferry.port(), "localhost", path)
            .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
            .compose(io.vertx.core.http.HttpClientResponse::body).await();
      }
      ferry.stop().compose(v -> vertx.close()).await();
      return 0;
    } catch (Exception e) {
      System.err.println("ferry: recording the class archive failed (starts will be slower): " + e);
      return 0;
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch directory under the temp dir
    }
  }

  private static List<String> flags(String archive) {
    return List.of(archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"); // a JVM that cannot use it says nothing
  }
}
