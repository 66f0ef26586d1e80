package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.RawBody;
import io.ferry.engine.proxy.ProxyCall;
import io.ferry.engine.proxy.ProxyResult;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.proxy.ProxyShards;
import io.ferry.engine.http.StreamPolicy;
import io.ferry.engine.proxy.StreamedBody;
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
  static final String RESPONSE_FORMAT = "truto_response_format";
  static final String BODY_PASSTHROUGH = "truto_body_passthrough";
  /** Routing-context key set by the body stage when this request's body is left unread, to be streamed upstream. */
  static final String STREAMED_UPLOAD = "ferry.streamed_upload";
  private static final Set<String> FERRY_PARAMS = Set.of("integrated_account_id", "limit", "next_cursor", RESPONSE_FORMAT,
      BODY_PASSTHROUGH);

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
    String passthrough = ctx.queryParams().get(BODY_PASSTHROUGH);
    if (passthrough != null && !passthrough.equalsIgnoreCase("true") && !passthrough.equalsIgnoreCase("false")) {
      throw FerryFailure.invalid("/" + BODY_PASSTHROUGH, "must be true (send the body upstream exactly as it comes) or false");
    }
    String id = method == null ? null : ctx.pathParam("id");
    String name = method == null ? ctx.pathParam("id") : method;
    Object body = Boolean.TRUE.equals(ctx.get(STREAMED_UPLOAD)) ? new RawBody(ctx.request(), ctx.request().getHeader("content-type"),
        ctx.request().getHeader("content-length")) : body(ctx);
    CallInput input = new CallInput(id, query, body, new JsonObject(), limit(ctx.queryParams().get("limit")));
    return new ProxyCall(Principals.of(ctx), accountId, ctx.pathParam("resource"), name, input,
        ctx.queryParams().get("next_cursor"), maxWait(ctx.request().getHeader(MAX_WAIT_HEADER)),
        rawFormat(ctx.queryParams().get(RESPONSE_FORMAT)) ? StreamPolicy.RAW : StreamPolicy.NOT_JSON);
  }

  /**
   * Whether the caller's body goes upstream as it comes, never held in memory: {@code truto_body_passthrough=true},
   * or a body that is not JSON (a file, multipart, a form, XML). JSON bodies are read (1 MiB) and may be mapped.
   */
  static boolean streamsUpload(RoutingContext ctx) {
    var req = ctx.request();
    if (!req.path().startsWith("/proxy/") || req.method() == io.vertx.core.http.HttpMethod.GET) {
      return false;
    }
    String passthrough = req.getParam(BODY_PASSTHROUGH);
    if (passthrough != null) {
      return "true".equalsIgnoreCase(passthrough);
    }
    String type = req.getHeader("content-type");
    boolean hasBody = req.getHeader("content-length") != null && !"0".equals(req.getHeader("content-length"))
        || req.getHeader("transfer-encoding") != null;
    return hasBody && type != null && !StreamPolicy.isJson(type);
  }

  static boolean rawFormat(String format) {
    if (format == null || format.isEmpty()) {
      return false;
    }
    if (format.equals("raw") || format.equals("stream")) {
      return true;
    }
    throw FerryFailure.invalid("/" + RESPONSE_FORMAT, "must be raw or stream (the upstream's answer as it is); omit it for Ferry's JSON envelope");
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
    if (r.body() instanceof StreamedBody s) {
      // back-pressure both ways; a caller who leaves mid-way resets the upstream exchange
      ctx.response().closeHandler(v -> s.abort());
      response.send(s.stream()).onFailure(e -> s.abort());
    } else if (r.body() instanceof Buffer b) {
      response.end(b);
    } else {
      response.putHeader("content-type", "application/json").end(io.ferry.engine.json.JsonWriter.encode(r.body()));
    }
  }
}
