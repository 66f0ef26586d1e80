package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP edge. It never touches the store: every request becomes an event-bus message to the verticle owning the
 * feature, and failures come back as codes mapped to statuses in {@link ErrorResponses}.
 */
public final class HttpApiVerticle extends VerticleBase {
  public static final int BODY_LIMIT = 1024 * 1024;

  private final int port;
  private HttpServer server;

  public HttpApiVerticle(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    WebhookRoutes webhooks = new WebhookRoutes(vertx);
    webhooks.mountInbound(router);
    router.route().handler(new Principals(vertx));
    AdminRoutes admin = new AdminRoutes(vertx);
    new ProxyRoutes(vertx).mount(router, admin);
    webhooks.mount(router, admin);
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

  public int actualPort() {
    return server.actualPort();
  }

  private void health(RoutingContext ctx) {
    vertx.eventBus().request(Addresses.STORE_PING, "ping", new DeliveryOptions(Bus.LOCAL).setSendTimeout(2000))
        .onSuccess(m -> ctx.json(new JsonObject().put("status", "ok")))
        .onFailure(e -> ErrorResponses.send(ctx, ErrorCode.UNAVAILABLE.status, "store not reachable", null, null));
  }
}
