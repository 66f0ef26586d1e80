package io.ferry.api;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory defaults for {@code java -jar ferry.jar}: a jar cannot carry JVM flags, and the JVM's own default (a quarter
 * of the machine's memory for the heap) let RSS grow past 700 MB under steady imports on a 24 GB box. When started
 * from the jar without a heap setting, the launcher runs Ferry in a child JVM with these flags (plus
 * {@code FERRY_JAVA_OPTS}); the parent forwards SIGTERM and the child stops at once if the parent is killed.
 */
final class JvmDefaults {
  /**
   * {@code jdk.nio.maxCachedBufferSize}: the JDK keeps, per thread, a direct copy buffer as large as the largest heap
   * buffer that thread read or wrote through a channel; H2's workers write multi-MB chunks, and their cached copies
   * filled the 64 MB of direct memory until a write failed with OutOfMemoryError and H2 closed the store for good.
   */
  static final List<String> FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:MaxMetaspaceSize=128m",
      "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Djdk.nio.maxCachedBufferSize=262144", "-Xss512k",
      "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
  static final String RELAUNCHED = "ferry.relaunched";
  private static final long STOP_GRACE_MILLIS = 40_000;

  private JvmDefaults() {
  }

  /** Started as {@code java -jar …ferry.jar} with no heap flag of the caller's. */
  static boolean shouldRelaunch() {
    if (Boolean.getBoolean(RELAUNCHED) || "false".equalsIgnoreCase(System.getenv("FERRY_JVM_DEFAULTS"))) {
      return false;
    }
    String command = System.getProperty("sun.java.command", "");
    boolean fromJar = command.split(" ", 2)[0].endsWith(".jar");
    boolean heapSet = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM") || a.startsWith("-XX:MaxHeapSize"));
    return fromJar && !heapSet;
  }

  /** Runs Ferry in a child JVM with the defaults and answers its exit status. */
  static int relaunch(String[] args) throws Exception {
    String jar = Path.of(JvmDefaults.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(FLAGS);
    String extra = System.getenv("FERRY_JAVA_OPTS");
    ClassArchive.Plan archive = ClassArchive.plan(Path.of(jar), args, extra,
        () -> io.ferry.engine.config.FerryOptions.fromEnvironment().dataDir());
    if (ClassArchive.recordRun(args) && archive.recording() == null) {
      return 0; // this JDK or these options cannot record one: the build goes on without
    }
    command.addAll(archive.flags());
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+"))); // later flags win
    }
    command.add("-D" + RELAUNCHED + "=true");
    command.addAll(List.of("-cp", jar, Launcher.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    // glibc gives each busy thread its own malloc arena (64 MB reservations): two bound the native heap
    pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process child = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (child.isAlive()) {
        child.destroy(); // SIGTERM: the child finishes in-flight requests
        try {
          if (child.waitFor(STOP_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            archive.finish(child.exitValue());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "ferry-relaunch-stop"));
    int status = child.waitFor();
    archive.finish(status);
    return status;
  }

  /** In the child: a parent killed without warning (kill -9) takes the child with it, as if it were one process. */
  static void followParent() {
    if (Boolean.getBoolean(RELAUNCHED)) {
      ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }
  }
}
