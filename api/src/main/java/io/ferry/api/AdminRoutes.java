package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;

/** The admin API: each route turns the request into an {@link ApiCall} for the verticle that owns the feature. */
final class AdminRoutes {
  private final Vertx vertx;

  AdminRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    router.post("/environment").handler(call(Addresses.ADMIN, "environment.create", true));
    router.get("/environment").handler(call(Addresses.ADMIN, "environment.list", false));
    router.get("/environment/:id").handler(call(Addresses.ADMIN, "environment.get", false));
    router.patch("/environment/:id").handler(call(Addresses.ADMIN, "environment.update", true));
    router.get("/team").handler(call(Addresses.ADMIN, "team.list", false));
    router.get("/team/:id").handler(call(Addresses.ADMIN, "team.get", false));
    router.patch("/team/:id").handler(call(Addresses.ADMIN, "team.update", true));
    router.post("/api-token").handler(call(Addresses.ADMIN, "api-token.create", true));
    router.get("/api-token").handler(call(Addresses.ADMIN, "api-token.list", false));
    router.get("/api-token/:id").handler(call(Addresses.ADMIN, "api-token.get", false));
    router.delete("/api-token/:id").handler(call(Addresses.ADMIN, "api-token.delete", false));
    router.get("/audit-log").handler(call(Addresses.AUDIT, "list", false));
    crud(router, "/integration", Addresses.INTEGRATION);
    crud(router, "/environment-integration", Addresses.ENVIRONMENT_INTEGRATION);
    router.post("/integrated-account/bulk-delete").handler(call(Addresses.ACCOUNT, "bulk-delete", true));
    router.get("/integrated-account/:id/explain").handler(call(Addresses.ACCOUNT, "explain", false));
    router.patch("/integrated-account/:id/credentials").handler(call(Addresses.ACCOUNT, "update-credentials", true));
    crud(router, "/integrated-account", Addresses.ACCOUNT);
    router.get("/cluster").handler(call(Addresses.CLUSTER, "nodes", false));
  }

  private void crud(Router router, String path, String address) {
    router.get(path).handler(call(address, "list", false));
    router.post(path).handler(call(address, "create", true));
    router.get(path + "/:id").handler(call(address, "get", false));
    router.patch(path + "/:id").handler(call(address, "update", true));
    router.delete(path + "/:id").handler(call(address, "delete", false));
  }

  Handler<RoutingContext> call(String address, String action, boolean withBody) {
    return call(c -> address, action, withBody);
  }

  /** As {@link #call(String, String, boolean)}, the address chosen per call (sharded verticles). */
  Handler<RoutingContext> call(java.util.function.Function<ApiCall, String> addressOf, String action, boolean withBody) {
    return ctx -> {
      ApiCall call;
      try {
        call = ApiCall.of(action, Principals.of(ctx)).withId(ctx.pathParam("id")).withQuery(query(ctx))
            .withBody(withBody ? jsonBody(ctx) : null);
      } catch (FerryFailure f) {
        ErrorResponses.send(ctx, f);
        return;
      }
      String address = addressOf.apply(call);
      Bus.<ApiResult>request(vertx, address, call)
          .compose(r -> audited(ctx, address, call, r))
          .onSuccess(r -> ctx.response().setStatusCode(r.status()).putHeader("content-type", "application/json")
              .end(io.ferry.engine.json.JsonWriter.encode(r.body())))
          .onFailure(e -> ErrorResponses.send(ctx, e));
    };
  }

  /**
   * A write made with the admin token is recorded in the audit log (token, object, action; never a value) before it is
   * answered. A failed audit write does not undo the change: it is logged. A write that committed its own record with
   * the change ({@link ApiResult#audited}, single account imports) gets none here.
   */
  private io.vertx.core.Future<ApiResult> audited(RoutingContext ctx, String address, ApiCall call, ApiResult r) {
    io.vertx.core.http.HttpMethod m = ctx.request().method();
    if (r.audited() || call.principal() == null || !call.principal().admin() || m == io.vertx.core.http.HttpMethod.GET
        || r.status() >= 300) {
      return io.vertx.core.Future.succeededFuture(r);
    }
    String objectType = call.action().contains(".") ? call.action().substring(0, call.action().indexOf('.'))
        : address.contains("environment-integration") ? "environment-integration" : address.contains("integration") ? "integration"
        : address.contains("account") ? "integrated-account" : address.contains("webhook") ? "webhook" : address;
    String action = call.action().contains(".") ? call.action().substring(call.action().indexOf('.') + 1) : call.action();
    String objectId = call.id() != null ? call.id() : r.body() instanceof JsonObject o && o.getValue("id") instanceof String id ? id
        : call.body() != null && call.body().getValue("id") instanceof String bodyId ? bodyId : null;
    JsonObject entry = new JsonObject().put("action", action).put("object_type", objectType).put("object_id", objectId);
    return Bus.request(vertx, Addresses.AUDIT, ApiCall.of("record", call.principal()).withBody(entry))
        .map(ignored -> r)
        .recover(e -> {
          org.slf4j.LoggerFactory.getLogger(AdminRoutes.class).warn("Audit log write failed for {} {}: {}", action, objectType,
              e.getClass().getSimpleName());
          return io.vertx.core.Future.succeededFuture(r);
        });
  }

  static Map<String, String> query(RoutingContext ctx) {
    Map<String, String> q = new HashMap<>();
    ctx.queryParams().forEach(e -> q.putIfAbsent(e.getKey(), e.getValue()));
    return q;
  }

  /** The body as a JSON object, or a 400 saying what is wrong with it. */
  static JsonObject jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    if (type != null && (type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
        || type.regionMatches(true, 0, "multipart/", 0, 10))) {
      throw new FerryFailure(io.ferry.engine.core.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send the body as JSON with content-type: application/json (curl: -H 'content-type: application/json' --data-binary @body.json)");
    }
    var buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw FerryFailure.invalid("", "a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(buffer);
    } catch (DecodeException e) {
      throw FerryFailure.invalid("", "malformed JSON: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject o)) {
      throw FerryFailure.invalid("", "must be a JSON object");
    }
    InputText.check(o, "");
    return o;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
