package io.ferry.engine.unified;

import io.ferry.engine.core.Principal;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.json.SplicedValues;
import io.ferry.engine.proxy.ProxyCall;
import io.ferry.engine.proxy.ProxyResult;
import io.ferry.engine.proxy.ProxyService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs {@code /unified/{model}/{resource}} calls in-process on the caller's event loop: account → merged mapping →
 * before steps → query/body mappings → {@link ProxyService} (tokens, rate limits, retries, pagination with sealed
 * cursors) → response mapping → unified answer with {@code remote_data}. Upstream errors keep the proxy's envelope
 * ({@code error_mapping} may rewrite it).
 */
public final class UnifiedService {
  /**
   * Time box of one mapping evaluation. Longer than the 250 ms of rate-limit rules: mappings are larger, and
   * jsonata4java's first evaluations in a cold JVM take hundreds of milliseconds (measured: ~0.3-1 s for a filter
   * mapping, then ~1 ms once warm).
   */
  public static final long MAPPING_TIMEOUT_MS = 2_000;
  private final Vertx vertx;
  private final UnifiedRegistry registry;
  private final ProxyService proxy;
  private final Jsonata jsonata;

  public UnifiedService(Vertx vertx, UnifiedRegistry registry, ProxyService proxy, Jsonata jsonata) {
    this.vertx = vertx;
    this.registry = registry;
    this.proxy = proxy;
    this.jsonata = jsonata;
  }

  public Future<UnifiedResult> call(UnifiedCall c) {
    return registry.account(vertx, c.principal(), c.accountId()).compose(account -> {
      JsonObject config = account.mapping(registry.definitions(), c.model(), c.resource(), c.method());
      MappingRun run = new MappingRun(jsonata, c, account, config);
      return steps(run, "before").compose(failed -> failed != null ? Future.succeededFuture(failed) : main(run));
    });
  }

  private Future<UnifiedResult> main(MappingRun run) {
    UnifiedCall c = run.call;
    boolean list = "list".equals(c.method());
    boolean write = "create".equals(c.method()) || "update".equals(c.method()) || c.isCustom();
    CallInput input = new CallInput(c.id(), run.query(), run.body(write), new JsonObject(), c.limit());
    ProxyCall pc = new ProxyCall(c.principal(), c.accountId(), run.target("resource", c.resource()),
        run.target("method", c.method()), input, list ? c.cursor() : null, c.maxWaitMillis());
    return proxy.call(pc).compose(r -> {
      if (r.status() >= 400 || !(r.body() instanceof JsonObject || r.body() instanceof JsonArray)) {
        return Future.succeededFuture(error(run, r));
      }
      if (r.upstreamBody() != null) {
        run.putDecoded("response", r.upstreamBody()); // the body as parsed from the upstream's bytes
      } else {
        run.put("response", r.body());
      }
      UnifiedResult answer = list ? list(run, r) : one(run, r);
      return steps(run, "after").map(failed -> failed != null ? failed : answer);
    });
  }

  private static UnifiedResult list(MappingRun run, ProxyResult r) {
    JsonObject page = (JsonObject) r.body();
    JsonArray records = page.getJsonArray("result", new JsonArray());
    Object mapped = run.response(records);
    JsonArray all = mapped instanceof JsonArray a ? a : mapped == null ? new JsonArray() : new JsonArray().add(mapped);
    // remote_data pairs by position: the mapping answers one entry per upstream record (null drops it)
    boolean paired = all.size() == records.size();
    JsonArray out = new JsonArray();
    boolean remoteData = !run.call.ignoreRemoteData() && paired;
    boolean splice = remoteData;
    for (int i = 0; i < all.size(); i++) {
      if (all.getValue(i) instanceof JsonObject o) {
        if (remoteData) {
          o.put("remote_data", records.getValue(i));
          // a mapped object that is an upstream record itself has changed: it must be encoded, not copied as sent
          splice &= o.getMap() != records.getList().get(i);
        }
        out.add(o);
      }
    }
    JsonObject body = new JsonObject().put("result", out).put("next_cursor", page.getString("next_cursor"))
        .put("prev_cursor", (String) null).put("result_count", out.size());
    return new UnifiedResult(r.status(), r.headers(), body,
        splice && !out.isEmpty() ? SplicedValues.of(r.upstreamBytes(), r.upstreamBody(), records) : null);
  }

  private static UnifiedResult one(MappingRun run, ProxyResult r) {
    UnifiedCall c = run.call;
    Object mapped = run.response(r.body());
    if (c.isCustom()) {
      return new UnifiedResult(r.status(), r.headers(), new JsonObject().put("result", mapped));
    }
    if (mapped instanceof JsonArray a) {
      mapped = a.isEmpty() ? null : a.getValue(0);
    }
    if ("delete".equals(c.method())) {
      return new UnifiedResult(r.status(), r.headers(),
          mapped instanceof JsonObject o && o.getValue("id") != null ? o : new JsonObject().put("id", c.id()));
    }
    JsonObject o = mapped instanceof JsonObject m ? m : new JsonObject();
    if (c.ignoreRemoteData()) {
      return new UnifiedResult(r.status(), r.headers(), o);
    }
    o.put("remote_data", r.body());
    return new UnifiedResult(r.status(), r.headers(), o, r.body() instanceof JsonObject record && record.getMap() != o.getMap()
        ? SplicedValues.of(r.upstreamBytes(), r.upstreamBody(), record) : null);
  }

  /** The proxy's error answer, unchanged unless {@code error_mapping} rewrites fields of the envelope. */
  private static UnifiedResult error(MappingRun run, ProxyResult r) {
    String mapping = run.config.getString("error_mapping");
    if (mapping == null || !(r.body() instanceof JsonObject envelope)) {
      return new UnifiedResult(r.status(), r.headers(), r.body());
    }
    Object mapped = run.eval(mapping, "error_mapping", new JsonObject().put("error", envelope.getValue("raw_response"))
        .put("status", r.status()).put("response_headers", new JsonObject(new java.util.HashMap<>(r.headers()))));
    if (!(mapped instanceof JsonObject m)) {
      return new UnifiedResult(r.status(), r.headers(), envelope);
    }
    JsonObject out = envelope.copy();
    m.forEach(e -> out.put(e.getKey(), e.getValue()));
    int status = m.getValue("statusCode") instanceof Number n && n.intValue() >= 400 && n.intValue() <= 599 ? n.intValue() : r.status();
    return new UnifiedResult(status, r.headers(), out.put("statusCode", status));
  }

  /**
   * Runs {@code before} or {@code after} request steps in order; each answer is in scope as
   * {@code before.<name>} (name defaults to the index). Answers the failed step's error, or null.
   */
  private Future<UnifiedResult> steps(MappingRun run, String phase) {
    JsonArray steps = run.config.getJsonArray(phase);
    Future<UnifiedResult> chain = Future.succeededFuture();
    if (steps == null) {
      return chain;
    }
    for (int i = 0; i < steps.size(); i++) {
      JsonObject step = steps.getJsonObject(i);
      String field = phase + "/" + i;
      String name = step.getString("name", Integer.toString(i));
      chain = chain.compose(failed -> {
        if (failed != null || (step.getString("run_if") != null && !Jsonata.truthy(run.eval(step.getString("run_if"), field + "/run_if", null)))) {
          return Future.succeededFuture(failed);
        }
        Object q = step.getString("query_mapping") == null ? null : run.eval(step.getString("query_mapping"), field + "/query_mapping", null);
        Object b = step.getString("request_body_mapping") == null ? null
            : run.eval(step.getString("request_body_mapping"), field + "/request_body_mapping", null);
        CallInput in = new CallInput(run.call.id(), q instanceof JsonObject o ? o : new JsonObject(), b, new JsonObject(), null);
        Principal p = run.call.principal();
        return proxy.call(new ProxyCall(p, run.call.accountId(), step.getString("resource"), step.getString("method"), in, null,
            run.call.maxWaitMillis())).map(r -> {
              if (r.status() >= 400) {
                return new UnifiedResult(r.status(), r.headers(), r.body());
              }
              if ("before".equals(phase)) {
                JsonObject before = run.scope.getJsonObject("before").copy().put(name, r.body());
                run.put("before", before);
              }
              return null;
            });
      });
    }
    return chain;
  }

  /** {@code GET /unified/{model}/{resource}/{integration}/meta/{method}}: what the mapping takes and answers. */
  public JsonObject meta(Principal principal, String model, String resource, String integration, String method) {
    Definitions d = registry.definitions();
    JsonObject res = MappingLayers.resource(d, model, resource, method);
    JsonObject config = MappingLayers.resolve(d, principal.environmentId(), integration, model, resource, method, null);
    JsonObject schema = res.getJsonObject("schema");
    return new JsonObject().put("method", method).put("schema", schema)
        .put("response_schema", config.getJsonObject("response_schema", schema))
        .put("query_schema", config.getJsonObject("query_schema"))
        .put("request_body_schema", config.getJsonObject("request_body_schema"))
        .put("default_query", config.getJsonObject("query")).put("default_body", config.getJsonObject("body"))
        .put("documentation_link", config.getString("documentation_link"));
  }
}
