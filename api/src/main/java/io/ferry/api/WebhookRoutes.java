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
  private final PublicUrls urls;

  WebhookRoutes(Vertx vertx) {
    this(vertx, PublicUrls.NONE);
  }

  WebhookRoutes(Vertx vertx, PublicUrls urls) {
    this.vertx = vertx;
    this.urls = urls;
  }

  /**
   * Routes that take no API token; mounted before the body handler, because they read the raw bytes themselves: a
   * form body is never decoded before its signature is checked (a malformed %-escape must not answer 400).
   */
  void mountInbound(Router router) {
    for (String path : new String[] {"/integrated-account-webhook/:id", "/environment-integration-webhook/:id"}) {
      String kind = path.startsWith("/integrated") ? InboundCall.ACCOUNT : InboundCall.INSTALL;
      router.post(path).handler(raw(inbound(kind)));
      router.get(path).handler(raw(inbound(kind)));
      router.head(path).handler(raw(inbound(kind))); // Mandrill's URL check; answered like GET, without a body
    }
  }

  /** Reads the whole body as bytes (up to the API's limit) into the context's data, then calls {@code next}. */
  private static Handler<RoutingContext> raw(Handler<RoutingContext> next) {
    return ctx -> {
      String length = ctx.request().getHeader("content-length");
      try {
        if (length != null && Long.parseLong(length.trim()) > HttpApiVerticle.BODY_LIMIT) {
          ErrorResponses.send(ctx, 413, "body larger than " + HttpApiVerticle.BODY_LIMIT + " bytes", null, null);
          return;
        }
      } catch (NumberFormatException e) {
        ErrorResponses.send(ctx, 400, "Content-Length is not a number", null, null);
        return;
      }
      ctx.request().body().onSuccess(body -> {
        if (body.length() > HttpApiVerticle.BODY_LIMIT) {
          ErrorResponses.send(ctx, 413, "body larger than " + HttpApiVerticle.BODY_LIMIT + " bytes", null, null);
          return;
        }
        ctx.put(RAW_BODY, body);
        next.handle(ctx);
      }).onFailure(ctx::fail);
    };
  }

  private static final String RAW_BODY = "ferry.rawBody";

  void mount(Router router, AdminRoutes admin) {
    router.post("/webhook/test").handler(admin.call(Addresses.WEBHOOK, "test", true));
    router.get("/webhook/:id/deliveries").handler(admin.call(Addresses.WEBHOOK, "deliveries", false));
    router.post("/webhook/:id/redeliver").handler(admin.call(Addresses.WEBHOOK, "redeliver", true));
    router.post("/webhook-delivery/:id/retry").handler(admin.call(Addresses.WEBHOOK, "retry-delivery", false));
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
      Buffer body = ctx.get(RAW_BODY) instanceof Buffer b ? b : Buffer.buffer();
      // HEAD is checked like GET (Vert.x leaves the body off the answer)
      String method = ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD ? "GET" : ctx.request().method().name();
      InboundRequest req = new InboundRequest(method, urls.of(ctx.request()), headers, query, body);
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
              response.putHeader("content-type", "application/json").end(io.ferry.engine.json.JsonWriter.encode(b));
            }
          })
          .onFailure(e -> ErrorResponses.send(ctx, e));
    };
  }
}
