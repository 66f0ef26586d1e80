package io.ferry.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.jackson.DatabindCodec;

import java.io.IOException;

/**
 * The JSONata scope of one response ({@code status}, {@code status_code}, {@code headers}, {@code body}, {@code data},
 * {@code response}), built once, straight from the raw bytes, and shared by every expression evaluated on it.
 */
public final class ResponseScope {
  private final UpstreamResponse response;
  private JsonNode node;
  private java.util.Map<String, Object> plain;
  private java.util.Map<String, Object> decoded;

  public ResponseScope(UpstreamResponse response) {
    this.response = response;
  }

  public UpstreamResponse response() {
    return response;
  }

  /** The scope as the engine's plain maps and lists. */
  Object plain() {
    if (plain == null) {
      plain = scope(io.ferry.engine.interpreter.jsonata.JsonValues.toEngine(response.body()));
    }
    return plain;
  }

  /**
   * The scope for {@link io.ferry.engine.interpreter.jsonata.NativeJsonata}: the body as Vert.x decoded it from the
   * upstream's bytes (plain maps and lists under its wrapper, see {@link UpstreamResponse#parse}), not copied.
   */
  java.util.Map<String, Object> decoded() {
    if (decoded == null) {
      Object b = response.body();
      decoded = scope(b instanceof io.vertx.core.json.JsonObject o ? o.getMap() : b instanceof io.vertx.core.json.JsonArray a
          ? a.getList() : b);
    }
    return decoded;
  }

  /** {@code status}, {@code status_code}, {@code headers} and the body under its three names. */
  private java.util.Map<String, Object> scope(Object body) {
    java.util.Map<String, Object> scope = new java.util.LinkedHashMap<>();
    java.util.Map<String, Object> headers = new java.util.LinkedHashMap<>();
    response.headers().forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    scope.put("status", response.status());
    scope.put("status_code", response.status());
    scope.put("headers", headers);
    scope.put("body", body);
    scope.put("data", body);
    scope.put("response", body);
    return scope;
  }

  JsonNode node() {
    if (node == null) {
      ObjectNode scope = JsonNodeFactory.instance.objectNode();
      ObjectNode headers = scope.objectNode();
      response.headers().forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
      JsonNode body = body();
      scope.put("status", response.status()).put("status_code", response.status());
      scope.set("headers", headers);
      scope.set("body", body);
      scope.set("data", body);
      scope.set("response", body);
      node = scope;
    }
    return node;
  }

  private JsonNode body() {
    Object parsed = response.body();
    if (parsed == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (parsed instanceof String s) {
      return JsonNodeFactory.instance.textNode(s);
    }
    try {
      return DatabindCodec.mapper().readTree(response.raw().getBytes());
    } catch (IOException e) {
      return JsonNodeFactory.instance.textNode(response.raw().toString());
    }
  }
}
