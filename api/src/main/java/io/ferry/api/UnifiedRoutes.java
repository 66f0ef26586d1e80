package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.unified.UnifiedCall;
import io.ferry.engine.unified.UnifiedResult;
import io.ferry.engine.unified.UnifiedService;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * {@code /unified/*} (Truto's unified API, run in-process by {@link UnifiedService}) and the admin routes of unified
 * models, mappings and environment mappings (served by the unified verticle).
 */
final class UnifiedRoutes {
  private static final Set<String> RESERVED = Set.of("integrated_account_id", "limit", "next_cursor", "truto_ignore_remote_data");
  private static final Set<String> NOT_PASSED = Set.of("authorization", "cookie", "host", "content-length", "connection");

  private final UnifiedService unified;

  UnifiedRoutes(UnifiedService unified) {
    this.unified = unified;
  }

  void mount(Router router, AdminRoutes admin) {
    router.get("/unified/:model/:resource").handler(call("list"));
    router.post("/unified/:model/:resource").handler(call("create"));
    router.get("/unified/:model/:resource/:id").handler(call("get"));
    router.patch("/unified/:model/:resource/:id").handler(call("update"));
    router.put("/unified/:model/:resource/:id").handler(call("update"));
    router.delete("/unified/:model/:resource/:id").handler(call("delete"));
    // POST with a second segment is a custom method, as on /proxy
    router.post("/unified/:model/:resource/:id").handler(call(null));
    router.get("/unified/:model/:resource/:integration/meta/:method").handler(this::meta);
    crud(router, admin, "/unified-model", "model");
    crud(router, admin, "/unified-model-resource-method", "mapping");
    crud(router, admin, "/environment-unified-model-resource-method", "env-mapping");
  }

  private static void crud(Router router, AdminRoutes admin, String path, String prefix) {
    router.get(path).handler(admin.call(Addresses.UNIFIED, prefix + ".list", false));
    router.post(path).handler(admin.call(Addresses.UNIFIED, prefix + ".create", true));
    router.get(path + "/:id").handler(admin.call(Addresses.UNIFIED, prefix + ".get", false));
    router.patch(path + "/:id").handler(admin.call(Addresses.UNIFIED, prefix + ".update", true));
    router.delete(path + "/:id").handler(admin.call(Addresses.UNIFIED, prefix + ".delete", false));
  }

  private void meta(RoutingContext ctx) {
    try {
      JsonObject meta = unified.meta(Principals.of(ctx), ctx.pathParam("model"), ctx.pathParam("resource"),
          ctx.pathParam("integration"), ctx.pathParam("method"));
      ctx.response().putHeader("content-type", "application/json").end(meta.toBuffer());
    } catch (FerryFailure f) {
      ErrorResponses.send(ctx, f);
    }
  }

  private Handler<RoutingContext> call(String method) {
    return ctx -> {
      UnifiedCall call;
      try {
        call = parse(ctx, method);
      } catch (FerryFailure f) {
        ErrorResponses.send(ctx, f);
        return;
      }
      unified.call(call).onSuccess(r -> send(ctx, r)).onFailure(e -> ErrorResponses.send(ctx, e));
    };
  }

  private static UnifiedCall parse(RoutingContext ctx, String method) {
    MultiMap params = ctx.queryParams();
    String accountId = params.get("integrated_account_id");
    if (accountId == null || accountId.isBlank()) {
      throw FerryFailure.invalid("/integrated_account_id", "the integrated_account_id query parameter is required");
    }
    JsonObject query = new JsonObject();
    JsonObject remote = new JsonObject();
    for (String name : params.names()) {
      if (RESERVED.contains(name) || (name.startsWith("truto_") && !name.startsWith("remote_query"))) {
        continue;
      }
      var values = params.getAll(name);
      Object value = values.size() == 1 ? values.get(0) : new JsonArray(values);
      if (name.startsWith("remote_query[")) {
        QueryFilters.put(remote, name.substring("remote_query".length()).replaceFirst("^\\[([^]]*)]", "$1"), value);
      } else {
        QueryFilters.put(query, name, value);
      }
    }
    JsonObject headers = new JsonObject();
    ctx.request().headers().forEach(h -> {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if (!NOT_PASSED.contains(n)) {
        headers.put(n, h.getValue());
      }
    });
    String id = method == null ? null : ctx.pathParam("id");
    String name = method == null ? ctx.pathParam("id") : method;
    return new UnifiedCall(Principals.of(ctx), accountId, ctx.pathParam("model"), ctx.pathParam("resource"), name, id,
        query, remote, ProxyRoutes.body(ctx), headers, ProxyRoutes.limit(params.get("limit")), params.get("next_cursor"),
        "true".equalsIgnoreCase(params.get("truto_ignore_remote_data")),
        ProxyRoutes.maxWait(ctx.request().getHeader(ProxyRoutes.MAX_WAIT_HEADER)));
  }


  private static void send(RoutingContext ctx, UnifiedResult r) {
    var response = ctx.response().setStatusCode(r.status());
    r.headers().forEach(response::putHeader);
    response.putHeader("content-type", "application/json").end(io.ferry.engine.json.JsonWriter.encode(r.body(), r.spliced()));
  }
}
