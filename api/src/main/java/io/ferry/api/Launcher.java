package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ferry.jar}: reads the options from the environment, runs Ferry with Prometheus metrics, and on
 * SIGTERM stops accepting requests, lets in-flight ones finish (up to 30 s) and hands back outbox claims.
 */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "import".equals(args[0])) {
      System.exit(new ImportCommand(System.out, System.err).run(args));
      return;
    }
    if (args.length > 0 && "demo-upstream".equals(args[0])) {
      DemoUpstream.run(args);
      return;
    }
    if (JvmDefaults.shouldRelaunch()) {
      System.exit(JvmDefaults.relaunch(args));
      return;
    }
    JvmDefaults.followParent();
    if (ClassArchive.recordRun(args)) {
      System.exit(ClassArchive.record());
      return;
    }
    FerryOptions options;
    try {
      options = FerryOptions.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("ferry: " + e.getMessage());
      System.exit(2);
      return;
    }
    if ("json".equalsIgnoreCase(options.logFormat()) && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml"); // before the first logger exists
    }
    Logger log = LoggerFactory.getLogger(Launcher.class);
    if (!options.accessLog() && LoggerFactory.getLogger(RequestLog.LOGGER) instanceof ch.qos.logback.classic.Logger access) {
      access.setLevel(ch.qos.logback.classic.Level.OFF);
    }
    if (args.length > 0 && "rotate-keys".equals(args[0])) {
      System.exit(rotateKeys(options));
      return;
    }
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(metricsOptions(options))).build();
    try {
      Ferry ferry = Ferry.start(vertx, options).await();
      log.info("Ferry listening on http://localhost:{} ({})", ferry.port(), options);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Shutting down: finishing in-flight requests");
        try {
          ferry.stop().compose(v -> vertx.close()).await();
        } catch (Exception e) {
          log.warn("Unclean shutdown: {}", e.getMessage());
        }
      }, "ferry-shutdown"));
    } catch (Exception e) {
      System.err.println("ferry: failed to start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      vertx.close();
      System.exit(1);
    }
  }

  /** {@code java -jar ferry.jar rotate-keys}: re-encrypts every stored secret with the newest configured key. */
  static int rotateKeys(FerryOptions options) {
    Vertx vertx = Vertx.vertx();
    try {
      var box = io.ferry.engine.crypto.KeyMaterial.secretBox(options);
      var db = io.ferry.engine.store.Database.open(vertx, options);
      try {
        var counts = new io.ferry.engine.crypto.KeyRotation(db, box).run().await();
        System.out.println("ferry: re-encrypted with key " + box.keyId() + ": " + counts.encode());
        return 0;
      } finally {
        db.close().await();
      }
    } catch (Exception e) {
      System.err.println("ferry: rotate-keys failed: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }

  /**
   * Vert.x metrics stay on (pools, event bus, connections); its per-request HTTP server and client timers cost about
   * a fifth of a proxy call's CPU and repeat Ferry's own proxy meters, so they are opt-in.
   */
  static MicrometerMetricsOptions metricsOptions(FerryOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    if (!options.httpMetrics()) {
      metrics.addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_SERVER)
          .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_CLIENT);
    }
    return metrics;
  }
}
