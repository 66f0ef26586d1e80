package io.ferry.engine.unified;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.jsonata.JsonValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call's merged mapping and its JSONata scope: {@code query} (the unified query, {@code limit} included),
 * {@code body}, {@code headers}, {@code context} (the account's public context), {@code id}, {@code before} (results
 * of before steps) and, for response and error mappings, {@code response} (the parsed upstream body) or {@code error}.
 * A failing expression is a 422 naming the mapping field; it never reaches the caller as a 5xx.
 */
final class MappingRun {
  final UnifiedCall call;
  final String integration;
  final JsonObject config;
  final JsonObject scope;
  private final Jsonata jsonata;
  private Map<String, Object> plain;

  MappingRun(Jsonata jsonata, UnifiedCall call, UnifiedRegistry.UnifiedAccount account, JsonObject config) {
    this.jsonata = jsonata;
    this.call = call;
    this.integration = account.integration();
    this.config = config;
    JsonObject query = call.query().copy();
    if (call.limit() != null) {
      query.put("limit", call.limit());
    }
    this.scope = new JsonObject().put("query", query).put("body", call.body()).put("headers", call.headers())
        .put("context", account.context()).put("id", call.id()).put("before", new JsonObject());
  }

  String where(String field) {
    return call.model() + "." + call.resource() + "." + call.method() + " (" + integration + ") /" + field;
  }

  /** Sets a top-level scope name ({@code response}, {@code before}). */
  void put(String name, Object value) {
    scope.put(name, value);
    if (plain != null) {
      plain.put(name, JsonValues.plain(value));
    }
  }

  /**
   * Sets {@code response} to an upstream body as Vert.x decoded it from the bytes: plain maps, lists, strings, numbers
   * and booleans under its wrapper, so it goes into the scope as is, without the walk {@link JsonValues#plain} does.
   */
  void putDecoded(String name, Object decoded) {
    scope.put(name, decoded);
    Object engine = decoded instanceof JsonObject o ? o.getMap() : decoded instanceof io.vertx.core.json.JsonArray a
        ? a.getList() : JsonValues.plain(decoded);
    if (plain == null) {
      plain = new LinkedHashMap<>();
      scope.forEach(e -> plain.put(e.getKey(), e.getKey().equals(name) ? engine : JsonValues.plain(e.getValue())));
    } else {
      plain.put(name, engine);
    }
  }

  /**
   * Evaluates an expression over the scope (plus extra top-level names); JSON null and undefined come back as null.
   * The scope is in the engine's values once per call (the upstream body as parsed, not copied) and shared by every
   * expression.
   */
  Object eval(String expression, String field, JsonObject extra) {
    if (plain == null) {
      plain = new LinkedHashMap<>();
      scope.forEach(e -> plain.put(e.getKey(), JsonValues.plain(e.getValue())));
    }
    Map<String, Object> input = plain;
    if (extra != null) {
      input = new LinkedHashMap<>(plain);
      for (var e : extra) {
        input.put(e.getKey(), JsonValues.plain(e.getValue()));
      }
    }
    try {
      return jsonata.evaluatePlain(expression, input, where(field));
    } catch (RuntimeException e) {
      throw new FerryFailure(ErrorCode.UNPROCESSABLE, "unified mapping " + where(field) + " failed: " + e.getMessage());
    }
  }

  /** The proxy resource or method: a name, or an expression whose answer must be on its allow-list. */
  String target(String key, String dflt) {
    Object spec = config.getValue(key);
    if (spec == null) {
      return dflt;
    }
    if (spec instanceof String s) {
      return s;
    }
    JsonObject o = (JsonObject) spec;
    Object chosen = eval(o.getString("expression"), key + "/expression", null);
    if (!(chosen instanceof String s) || !o.getJsonArray("resources").contains(s)) {
      throw new FerryFailure(ErrorCode.UNPROCESSABLE, "unified mapping " + where(key) + " chose " + chosen
          + ", which is not in its list " + o.getJsonArray("resources").encode());
    }
    return s;
  }

  /** The upstream query: {@code query} defaults, replaced by {@code query_mapping}'s answer, plus {@code remote_query}. */
  JsonObject query() {
    JsonObject out = config.getJsonObject("query", new JsonObject()).copy();
    String mapping = config.getString("query_mapping");
    if (mapping != null && eval(mapping, "query_mapping", null) instanceof JsonObject mapped) {
      mapped.forEach(e -> {
        if (e.getValue() != null) {
          out.put(e.getKey(), e.getValue());
        }
      });
    }
    call.remoteQuery().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The upstream body: {@code request_body_mapping}'s answer, else the caller's body on writes, else none. */
  Object body(boolean write) {
    String mapping = config.getString("request_body_mapping");
    Object body = mapping != null ? eval(mapping, "request_body_mapping", null) : write ? call.body() : null;
    if (config.getValue("body") instanceof JsonObject defaults && (body == null || body instanceof JsonObject)) {
      body = io.ferry.engine.json.Json.deepMerge(defaults, (JsonObject) body, true);
    }
    return body;
  }

  /** {@code response_mapping} over the scope ({@code response} set); without one, a copy of {@code fallback}. */
  Object response(Object fallback) {
    String mapping = config.getString("response_mapping");
    if (mapping == null) {
      return fallback instanceof JsonObject o ? o.copy() : fallback instanceof JsonArray a ? a.copy() : fallback;
    }
    return eval(mapping, "response_mapping", null);
  }
}
