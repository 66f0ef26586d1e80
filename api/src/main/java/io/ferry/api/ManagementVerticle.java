package io.ferry.api;

import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.function.BooleanSupplier;

/**
 * The management port ({@code FERRY_MANAGEMENT_PORT}): {@code /metrics}, {@code /health} and {@code /ready} without a
 * token, for a scraper or load balancer on the operators' network; the API port keeps {@code /metrics} admin-only.
 */
public final class ManagementVerticle extends VerticleBase {
  private final int port;
  private final FerryMetrics metrics;
  private final BooleanSupplier deployed;
  private HttpServer server;

  public ManagementVerticle(int port, FerryMetrics metrics, BooleanSupplier deployed) {
    this.port = port;
    this.metrics = metrics;
    this.deployed = deployed;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OperationsRoutes.mountHealth(vertx, router, deployed);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
    router.errorHandler(404, ctx -> ErrorResponses.send(ctx, 404, "the management port serves /metrics, /health and /ready", null, null));
    return vertx.createHttpServer().requestHandler(router).listen(port).andThen(ar -> {
      if (ar.succeeded()) {
        server = ar.result();
      }
    });
  }

  public int actualPort() {
    return server.actualPort();
  }
}
