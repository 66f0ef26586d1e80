package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.connect.ConnectCall;
import io.ferry.engine.connect.ConnectReply;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The hosted connect pages and the OAuth callback (no API token: the link token and the signed state are the
 * credentials; mounted before authentication), and {@code POST /link-token} (API token).
 */
final class ConnectRoutes {
  private final Vertx vertx;

  ConnectRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mountPublic(Router router) {
    router.get("/connect-account").handler(connect(ConnectCall.PAGE));
    router.post("/connect-account/:integration/oauth").handler(connect(ConnectCall.OAUTH_START));
    router.post("/connect-account/:integration/fields").handler(connect(ConnectCall.FIELDS));
    router.get("/connect/:integration/callback").handler(connect(ConnectCall.CALLBACK));
  }

  void mount(Router router, AdminRoutes admin) {
    router.post("/link-token").handler(admin.call(Addresses.LINK_TOKEN, "create", true));
  }

  private Handler<RoutingContext> connect(String kind) {
    return ctx -> {
      Map<String, String> params = new HashMap<>();
      ctx.request().params().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
      Bus.<ConnectReply>request(vertx, Addresses.CONNECT, new ConnectCall(kind, ctx.pathParam("integration"), params))
          .onSuccess(r -> send(ctx, r))
          .onFailure(e -> safe(ctx.response()).setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
              .end("The connection service is not available right now. Please try again later."));
    };
  }

  private static void send(RoutingContext ctx, ConnectReply r) {
    HttpServerResponse response = safe(ctx.response()).setStatusCode(r.status());
    if (r.location() != null) {
      response.putHeader("location", r.location()).end();
      return;
    }
    response.putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("content-security-policy", r.contentSecurityPolicy())
        .putHeader("x-frame-options", "DENY")
        .end(r.html());
  }

  /** Headers every connect answer carries: nothing cached, no referrer (the link token is in the page URL). */
  private static HttpServerResponse safe(HttpServerResponse response) {
    return response.putHeader("cache-control", "no-store").putHeader("referrer-policy", "no-referrer")
        .putHeader("x-content-type-options", "nosniff");
  }
}
