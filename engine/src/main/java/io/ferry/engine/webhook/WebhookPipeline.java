package io.ferry.engine.webhook;

import io.ferry.engine.interpreter.Jsonata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of an integration's {@code webhook} config, each a pure function of the request: the handshake reply
 * ({@code handle_verification}), the signature check, and the normalised events ({@code payload_transform}).
 */
final class WebhookPipeline {
  private final Jsonata jsonata;

  WebhookPipeline(Jsonata jsonata) {
    this.jsonata = jsonata;
  }

  /** A handshake's reply (null when the request is not a handshake) and context to store on the account. */
  record Handshake(InboundReply reply, JsonObject updateContext) {
  }

  /**
   * Evaluates {@code handle_verification} over the request and the account's {@code context}. A string answers 200
   * text; an object with {@code status}/{@code body}/{@code headers} is the reply ({@code body: ""} or {@code null}:
   * empty); {@code update_context} is merged into the account (Asana's {@code X-Hook-Secret}).
   */
  Handshake handshake(JsonObject webhook, InboundRequest req, JsonObject context) {
    String expr = webhook.getString("handle_verification");
    if (expr == null || expr.isBlank()) {
      return new Handshake(null, null);
    }
    Object result = jsonata.evaluate(expr, req.scope().put("context", context), "/webhook/handle_verification");
    if (result == null) {
      return new Handshake(null, null);
    }
    if (result instanceof JsonObject o && (o.containsKey("status") || o.containsKey("statusCode") || o.containsKey("body")
        || o.containsKey("update_context"))) {
      Map<String, String> headers = new HashMap<>();
      if (o.getValue("headers") instanceof JsonObject h) {
        h.forEach(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), String.valueOf(e.getValue())));
      }
      int status = o.getInteger("status", o.getInteger("statusCode", 200));
      Object body = o.getValue("body");
      if ("".equals(body)) {
        body = null;
      }
      if (body instanceof String && !headers.containsKey("content-type")) {
        headers.put("content-type", "text/plain");
      }
      JsonObject update = o.getValue("update_context") instanceof JsonObject u && !u.isEmpty() ? u : null;
      return new Handshake(new InboundReply(status, headers, body), update);
    }
    return new Handshake(new InboundReply(200, result instanceof String ? Map.of("content-type", "text/plain") : Map.of(), result), null);
  }

  /**
   * Events as {@code [{event, resource, payload}]}: from {@code payload_transform} (one object or an array of
   * {@code {event_type, resource?, payload}}), else one {@code record:received} event carrying the body.
   */
  List<JsonObject> events(JsonObject webhook, InboundRequest req) {
    String expr = webhook.getString("payload_transform");
    Object result = expr == null || expr.isBlank() ? new JsonObject().put("event_type", "record:received")
        .put("payload", req.parsedBody()) : jsonata.evaluate(expr, req.scope(), "/webhook/payload_transform");
    JsonArray items = result instanceof JsonArray a ? a : result == null ? new JsonArray() : new JsonArray().add(result);
    return items.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  /** The lookup value for install-level webhooks ({@code context_lookup_field_value}, JSONata over the request). */
  String lookupValue(JsonObject webhook, InboundRequest req) {
    String expr = lookupKey(webhook, "context_lookup_field_value");
    Object v = expr == null ? null : jsonata.evaluate(expr, req.scope(), "/webhook/context_lookup_field_value");
    return v == null ? null : v.toString();
  }

  /** Reads a lookup key from {@code webhook} or, as Truto also places it, from its signature config. */
  static String lookupKey(JsonObject webhook, String key) {
    if (webhook.getString(key) != null) {
      return webhook.getString(key);
    }
    return webhook.getValue("signature_verification") instanceof JsonObject sv && sv.getValue("config") instanceof JsonObject c
        ? c.getString(key) : null;
  }

  /** {@code created} → {@code record:created}; names with a colon pass as they are. */
  static String eventName(String type) {
    if (type == null || type.isBlank()) {
      return "record:received";
    }
    return type.contains(":") ? type : "record:" + type;
  }
}
