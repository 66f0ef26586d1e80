package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Ferry in a child JVM (the test classpath, {@code io.ferry.api.Launcher}), as an operator runs it: its own
 * port, data dir and log file, options from environment variables. Killed with SIGKILL or stopped with SIGTERM.
 */
final class FerryProcess {
  final Path dataDir;
  final int port;
  final Path log;
  private final Map<String, String> env;
  private Process process;

  private FerryProcess(Path dataDir, int port, Map<String, String> env) {
    this.dataDir = dataDir;
    this.port = port;
    this.log = dataDir.resolve("ferry.log");
    this.env = env;
  }

  /** A node on {@code databaseUrl} (null: the embedded store in {@code dataDir}); {@code extra} env wins. */
  static FerryProcess of(Path dataDir, String databaseUrl, Map<String, String> extra) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> env = new HashMap<>();
    env.put("FERRY_HTTP_PORT", Integer.toString(port));
    env.put("FERRY_DATA_DIR", dataDir.toString());
    env.put("FERRY_API_TOKEN", FerryServer.ADMIN_TOKEN);
    env.put("FERRY_INTEGRATIONS_DIR", Path.of(FerryServer.catalogDir()).toAbsolutePath().toString());
    env.put("FERRY_PROXY_ALLOW_PRIVATE", "true");
    if (databaseUrl != null) {
      env.put("FERRY_DATABASE_URL", databaseUrl);
    }
    env.putAll(extra);
    Files.createDirectories(dataDir);
    return new FerryProcess(dataDir, port, env);
  }

  FerryProcess start() throws IOException {
    return start("-Xmx256m");
  }

  /** Starts with this heap flag (an out-of-memory error ends the process, so a test sees it). */
  FerryProcess start(String heap) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "io.ferry.api.Launcher");
    pb.environment().remove("FERRY_DATABASE_URL");
    pb.environment().remove("FERRY_CONFIG");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    return this;
  }

  /** Waits until {@code /health} answers 200; fails with the node's log when it exits or takes longer than 60 s. */
  FerryProcess awaitHealthy(Vertx vertx, WebClient client) throws IOException {
    for (int i = 0; i < 600; i++) {
      if (!process.isAlive()) {
        throw new AssertionError("Ferry exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (client.get(port, "localhost", "/health").send().await().statusCode() == 200) {
          return this;
        }
      } catch (Exception notYet) {
        // still starting
      }
      vertx.timer(100).await();
    }
    throw new AssertionError("Ferry did not start:\n" + output());
  }

  /** Waits for the process to exit on its own; its exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("Ferry was expected to exit");
    }
    return process.exitValue();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The same node again (same port, data dir and options), after it was stopped or killed. */
  FerryProcess restart() throws IOException {
    return new FerryProcess(dataDir, port, env).start();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  void kill9() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
  }
}
