package io.ferry.api;

import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.metrics.FerryMetrics;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.unified.UnifiedRegistry;
import io.ferry.engine.unified.UnifiedService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
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

  private final HttpLimits limits;
  private final ConnectionGuard.Counts connectionCounts;

  /** Client-facing limits: idle and header-read timeouts, connections per client address. */
  public record HttpLimits(long idleTimeoutSeconds, long headerTimeoutMillis, int maxConnectionsPerAddress) {
    static final HttpLimits DEFAULTS = new HttpLimits(120, 10_000, 512);
  }

  private PublicUrls publicUrls = PublicUrls.NONE;

  /** How {@code $url} of inbound webhooks is built ({@code FERRY_PUBLIC_URL}, trusted proxies). */
  HttpApiVerticle withPublicUrls(PublicUrls urls) {
    this.publicUrls = urls;
    return this;
  }

  public HttpApiVerticle(int port, FerryMetrics metrics, BooleanSupplier deployed, int proxyShards, UnifiedRegistry unified) {
    this(port, metrics, deployed, proxyShards, unified, HttpLimits.DEFAULTS, new ConnectionGuard.Counts());
  }

  HttpApiVerticle(int port, FerryMetrics metrics, BooleanSupplier deployed, int proxyShards, UnifiedRegistry unified,
                  HttpLimits limits, ConnectionGuard.Counts connectionCounts) {
    this.limits = limits;
    this.connectionCounts = connectionCounts;
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
    OperationsRoutes.mountHealth(vertx, router, deployed);
    router.get("/openapi.json").handler(new OpenApiDocument());
    WebhookRoutes webhooks = new WebhookRoutes(vertx, publicUrls);
    webhooks.mountInbound(router); // before the body handler: inbound webhooks read their raw bytes
    // streamed NDJSON: mounted before the body handler so the body is never buffered whole
    router.post("/integrated-account/bulk").handler(ctx -> {
      ctx.request().pause();
      ctx.next();
    }).handler(new Principals(vertx)).handler(new BulkImportRoute(vertx));
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.route().handler(ctx -> {
      if (ProxyRoutes.streamsUpload(ctx)) {
        ctx.put(ProxyRoutes.STREAMED_UPLOAD, true); // decided once: ProxyRoutes reads this, not the headers again
        ctx.request().pause(); // piped upstream as it comes, after the token check: not read here
        // refused before it went upstream (bad token, unknown account): drain it so the connection stays usable
        ctx.addEndHandler(v -> {
          if (!ctx.request().isEnded()) {
            ctx.request().resume();
          }
        });
        ctx.next();
      } else {
        bodies.handle(ctx);
      }
    });
    ConnectRoutes connect = new ConnectRoutes(vertx);
    connect.mountPublic(router);
    McpRoutes mcp = new McpRoutes(vertx);
    mcp.mountEndpoint(router);
    router.route().handler(new Principals(vertx));
    // metrics name integrations and volumes: admin only here; FERRY_MANAGEMENT_PORT serves them without a token
    router.get("/metrics").handler(ctx -> {
      if (Principals.of(ctx).admin()) {
        ctx.next();
      } else {
        ErrorResponses.send(ctx, new io.ferry.engine.core.FerryFailure(io.ferry.engine.core.ErrorCode.FORBIDDEN,
            "/metrics needs the admin token (or use the management port)"));
      }
    }).handler(PrometheusScrapingHandler.create(metrics.registry()));
    AdminRoutes admin = new AdminRoutes(vertx);
    connect.mount(router, admin);
    // the hot paths first: the router tries routes in order, matching each path pattern
    new ProxyRoutes(vertx, proxyShards).mount(router, admin);
    new UnifiedRoutes(new UnifiedService(vertx, unified, ProxyService.overBus(vertx, proxyShards),
        new Jsonata(UnifiedService.MAPPING_TIMEOUT_MS, Jsonata.DEFAULT_MAX_DEPTH)))
        .mount(router, admin);
    webhooks.mount(router, admin);
    mcp.mount(router, admin);
    admin.mount(router);
    router.errorHandler(404, ctx -> ErrorResponses.send(ctx, 404, "no route for " + ctx.request().method() + " "
        + ctx.request().path(), null, null));
    router.errorHandler(405, ctx -> ErrorResponses.send(ctx, 405, "method not allowed on " + ctx.request().path(), null, null));
    router.errorHandler(413, ctx -> ErrorResponses.send(ctx, 413, "body larger than " + BODY_LIMIT + " bytes", null, null));
    router.errorHandler(400, ctx -> ErrorResponses.send(ctx, 400, "bad request", null, null));
    router.errorHandler(500, ctx -> ErrorResponses.send(ctx, ctx.failure() == null ? new RuntimeException("unknown") : ctx.failure()));
    ConnectionGuard guard = new ConnectionGuard(vertx, connectionCounts, limits.maxConnectionsPerAddress(), limits.headerTimeoutMillis());
    var serverOptions = new io.vertx.core.http.HttpServerOptions().setIdleTimeout((int) limits.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // no h2c sniffing: the connection (and its header timer) starts at accept, not after the first bytes
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(serverOptions).connectionHandler(guard).invalidRequestHandler(ErrorResponses::invalidRequest)
        .requestHandler(req -> {
          guard.requestStarted(req);
          router.handle(req);
        }).listen(port).andThen(ar -> {
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
