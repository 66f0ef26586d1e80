package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ferry.jar}: reads the options from the environment and runs Ferry until SIGTERM. */
public final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {
  }

  public static void main(String[] args) {
    FerryOptions options;
    try {
      options = FerryOptions.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("ferry: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      Ferry ferry = Ferry.start(vertx, options).await();
      LOG.info("Ferry listening on http://localhost:{} ({})", ferry.port(), options);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("Shutting down");
        try {
          ferry.stop().compose(v -> vertx.close()).await();
        } catch (Exception e) {
          LOG.warn("Unclean shutdown: {}", e.getMessage());
        }
      }, "ferry-shutdown"));
    } catch (Exception e) {
      System.err.println("ferry: failed to start: " + e.getMessage());
      vertx.close();
      System.exit(1);
    }
  }
}
