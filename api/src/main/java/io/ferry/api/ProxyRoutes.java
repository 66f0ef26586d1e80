package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.proxy.ProxyCall;
import io.ferry.engine.proxy.ProxyResult;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.proxy.ProxyShards;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** {@code /proxy/*}: translates HTTP into a {@link ProxyCall} for the proxy verticle and its result back into HTTP. */
final class ProxyRoutes {
  static final long DEFAULT_MAX_WAIT_MILLIS = 30_000;
  static final String MAX_WAIT_HEADER = "X-Ferry-Max-Wait";
  private static final Set<String> FERRY_PARAMS = Set.of("integrated_account_id", "limit", "next_cursor");

  private final int shards;
  private final ProxyService proxy;

  ProxyRoutes(Vertx vertx, int shards) {
    this.shards = shards;
    this.proxy = ProxyService.of(vertx);
  }

  void mount(Router router, AdminRoutes admin) {
    java.util.function.Function<io.ferry.engine.bus.ApiCall, String> owner = call -> ProxyShards.address(
        Addresses.PROXY_ACCOUNT_ACTIONS, call.body() == null ? null : call.body().getString("id"), shards);
    router.post("/integrated-account/refresh-credentials").handler(admin.call(owner, "refresh-credentials", true));
    router.post("/integrated-account/run-post-install-actions").handler(admin.call(owner, "run-post-install-actions", true));
    router.get("/proxy/:resource").handler(proxy("list"));
    router.post("/proxy/:resource").handler(proxy("create"));
    router.get("/proxy/:resource/:id").handler(proxy("get"));
    router.patch("/proxy/:resource/:id").handler(proxy("update"));
    router.put("/proxy/:resource/:id").handler(proxy("update"));
    router.delete("/proxy/:resource/:id").handler(proxy("delete"));
    // POST with a second segment is a custom method (or, for resource "_", an action); same template as /{id}
    router.post("/proxy/:resource/:id").handler(proxy(null));
  }

  private Handler<RoutingContext> proxy(String method) {
    return ctx -> {
      ProxyCall call;
      try {
        call = call(ctx, method);
      } catch (FerryFailure f) {
        ErrorResponses.send(ctx, f);
        return;
      }
      // the caller hanging up stops the call: no further attempt goes upstream
      boolean[] gone = {false};
      ctx.response().closeHandler(v -> gone[0] = true);
      proxy.call(call, () -> gone[0])
          .onSuccess(r -> send(ctx, r))
          .onFailure(e -> ErrorResponses.send(ctx, e));
    };
  }

  private static ProxyCall call(RoutingContext ctx, String method) {
    String accountId = ctx.queryParams().get("integrated_account_id");
    if (accountId == null || accountId.isBlank()) {
      throw FerryFailure.invalid("/integrated_account_id", "the integrated_account_id query parameter is required");
    }
    JsonObject query = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      if (!FERRY_PARAMS.contains(name)) {
        var values = ctx.queryParams().getAll(name);
        query.put(name, values.size() == 1 ? values.get(0) : new JsonArray(values));
      }
    }
    String id = method == null ? null : ctx.pathParam("id");
    String name = method == null ? ctx.pathParam("id") : method;
    CallInput input = new CallInput(id, query, body(ctx), new JsonObject(), limit(ctx.queryParams().get("limit")));
    return new ProxyCall(Principals.of(ctx), accountId, ctx.pathParam("resource"), name, input,
        ctx.queryParams().get("next_cursor"), maxWait(ctx.request().getHeader(MAX_WAIT_HEADER)));
  }

  /** The JSON body, null when empty; malformed JSON is a 400. Also read by the unified routes. */
  static Object body(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return null;
    }
    try {
      return io.vertx.core.json.Json.decodeValue(buffer);
    } catch (DecodeException e) {
      throw FerryFailure.invalid("", "malformed JSON body");
    }
  }

  static Integer limit(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw FerryFailure.invalid("/limit", "must be an integer from 1 to 1000");
  }

  static long maxWait(String raw) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_MAX_WAIT_MILLIS;
    }
    try {
      double seconds = Double.parseDouble(raw);
      if (seconds >= 0 && seconds <= 3600) {
        return (long) (seconds * 1000);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw FerryFailure.invalid("/" + MAX_WAIT_HEADER, "must be a number of seconds from 0 to 3600");
  }

  private static void send(RoutingContext ctx, ProxyResult r) {
    var response = ctx.response().setStatusCode(r.status());
    r.headers().forEach(response::putHeader);
    if (r.body() instanceof Buffer b) {
      response.end(b);
    } else {
      response.putHeader("content-type", "application/json").end(io.vertx.core.json.Json.encodeToBuffer(r.body()));
    }
  }
}
