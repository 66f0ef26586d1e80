package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.webhook.InboundCall;
import io.ferry.engine.webhook.InboundReply;
import io.ferry.engine.webhook.InboundRequest;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Inbound third-party webhooks (no API token: the signature is the credential; mounted before authentication) and the
 * customer's {@code /webhook} endpoints.
 */
final class WebhookRoutes {
  private final Vertx vertx;

  WebhookRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Routes that take no API token. */
  void mountInbound(Router router) {
    for (String path : new String[] {"/integrated-account-webhook/:id", "/environment-integration-webhook/:id"}) {
      String kind = path.startsWith("/integrated") ? InboundCall.ACCOUNT : InboundCall.INSTALL;
      router.post(path).handler(inbound(kind));
      router.get(path).handler(inbound(kind));
    }
  }

  void mount(Router router, AdminRoutes admin) {
    router.post("/webhook/test").handler(admin.call(Addresses.WEBHOOK, "test", true));
    router.get("/webhook/:id/deliveries").handler(admin.call(Addresses.WEBHOOK, "deliveries", false));
    router.post("/integration/:id/webhook/test").handler(admin.call(Addresses.WEBHOOK_CONFIG_TEST, "test", true));
    router.get("/webhook").handler(admin.call(Addresses.WEBHOOK, "list", false));
    router.post("/webhook").handler(admin.call(Addresses.WEBHOOK, "create", true));
    router.get("/webhook/:id").handler(admin.call(Addresses.WEBHOOK, "get", false));
    router.patch("/webhook/:id").handler(admin.call(Addresses.WEBHOOK, "update", true));
    router.delete("/webhook/:id").handler(admin.call(Addresses.WEBHOOK, "delete", false));
  }

  private Handler<RoutingContext> inbound(String kind) {
    return ctx -> {
      JsonObject headers = new JsonObject();
      ctx.request().headers().forEach(h -> {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        String existing = headers.getString(name);
        headers.put(name, existing == null ? h.getValue() : existing + ", " + h.getValue());
      });
      JsonObject query = new JsonObject();
      for (String name : ctx.queryParams().names()) {
        var values = ctx.queryParams().getAll(name);
        query.put(name, values.size() == 1 ? values.get(0) : new JsonArray(values));
      }
      Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
      InboundRequest req = new InboundRequest(ctx.request().method().name(), ctx.request().absoluteURI(), headers, query, body);
      Bus.<InboundReply>request(vertx, Addresses.WEBHOOK_INBOUND, new InboundCall(kind, ctx.pathParam("id"), req))
          .onSuccess(r -> {
            var response = ctx.response().setStatusCode(r.status());
            r.headers().forEach(response::putHeader);
            Object b = r.body();
            if (b == null) {
              response.end();
            } else if (b instanceof Buffer buffer) {
              response.end(buffer);
            } else if (b instanceof String s) {
              response.end(s);
            } else {
              response.putHeader("content-type", "application/json").end(io.vertx.core.json.Json.encodeToBuffer(b));
            }
          })
          .onFailure(e -> ErrorResponses.send(ctx, e));
    };
  }
}
