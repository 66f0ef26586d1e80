package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.metrics.FerryMetrics;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.unified.UnifiedRegistry;
import io.ferry.engine.unified.UnifiedService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP edge. It never touches the store: every request becomes an event-bus message to the verticle owning the
 * feature, and failures come back as codes mapped to statuses in {@link ErrorResponses}.
 */
public final class HttpApiVerticle extends VerticleBase {
  public static final int BODY_LIMIT = 1024 * 1024;
  /** How long a stop lets in-flight requests (proxy calls waiting upstream) finish. */
  static final long SHUTDOWN_GRACE_SECONDS = 30;

  private final int port;
  private final FerryMetrics metrics;
  private final BooleanSupplier deployed;
  private final int proxyShards;
  private final UnifiedRegistry unified;
  private HttpServer server;
  private Router router;

  public HttpApiVerticle(int port, FerryMetrics metrics, BooleanSupplier deployed, int proxyShards, UnifiedRegistry unified) {
    this.proxyShards = proxyShards;
    this.unified = unified;
    this.port = port;
    this.metrics = metrics;
    this.deployed = deployed;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.route().handler(new RequestLog());
    HealthChecks checks = HealthChecks.create(vertx)
        .register("verticles", promise -> promise.complete(deployed.getAsBoolean() ? Status.OK() : Status.KO()))
        .register("store", 2000, promise -> vertx.eventBus().request(Addresses.STORE_PING, "ping",
            new DeliveryOptions(Bus.LOCAL).setSendTimeout(2000)).onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(checks));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(checks));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
    router.get("/openapi.json").handler(new OpenApiDocument());
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    WebhookRoutes webhooks = new WebhookRoutes(vertx);
    webhooks.mountInbound(router);
    router.route().handler(new Principals(vertx));
    AdminRoutes admin = new AdminRoutes(vertx);
    new ProxyRoutes(vertx, proxyShards).mount(router, admin);
    webhooks.mount(router, admin);
    new UnifiedRoutes(new UnifiedService(vertx, unified, ProxyService.overBus(vertx, proxyShards),
        new Jsonata(UnifiedService.MAPPING_TIMEOUT_MS, Jsonata.DEFAULT_MAX_DEPTH)))
        .mount(router, admin);
    admin.mount(router);
    router.errorHandler(404, ctx -> ErrorResponses.send(ctx, 404, "no route for " + ctx.request().method() + " "
        + ctx.request().path(), null, null));
    router.errorHandler(405, ctx -> ErrorResponses.send(ctx, 405, "method not allowed on " + ctx.request().path(), null, null));
    router.errorHandler(413, ctx -> ErrorResponses.send(ctx, 413, "body larger than " + BODY_LIMIT + " bytes", null, null));
    router.errorHandler(400, ctx -> ErrorResponses.send(ctx, 400, "bad request", null, null));
    router.errorHandler(500, ctx -> ErrorResponses.send(ctx, ctx.failure() == null ? new RuntimeException("unknown") : ctx.failure()));
    return vertx.createHttpServer().requestHandler(router).listen(port).andThen(ar -> {
      if (ar.succeeded()) {
        server = ar.result();
      }
    });
  }

  /** Stops accepting connections and lets in-flight requests finish, up to the grace period. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }

  Router router() {
    return router;
  }
}
