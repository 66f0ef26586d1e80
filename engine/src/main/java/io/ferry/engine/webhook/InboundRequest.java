package io.ferry.engine.webhook;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A third-party webhook as received: method, the public URL it was sent to, headers (lower-cased names), query and
 * the raw body bytes, which signatures are checked against before anything parses them.
 */
public record InboundRequest(String method, String url, JsonObject headers, JsonObject query, Buffer body) {

  public String header(String name) {
    return headers.getString(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The body as JSON when it is JSON, as form fields when form-encoded, else as text. */
  public Object parsedBody() {
    String type = header("content-type");
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      // lenient: a malformed escape stays literal rather than failing a signed delivery
      JsonObject form = new JsonObject();
      for (var e : FormParams.parse(body)) {
        Object existing = form.getValue(e.getKey());
        if (existing == null) {
          form.put(e.getKey(), e.getValue());
        } else {
          io.vertx.core.json.JsonArray many = existing instanceof io.vertx.core.json.JsonArray a ? a : new io.vertx.core.json.JsonArray().add(existing);
          form.put(e.getKey(), many.add(e.getValue()));
        }
      }
      return form;
    }
    return UpstreamResponse.parse(body);
  }

  /** The JSONata scope of handle_verification, payload_transform and lookup expressions. */
  public JsonObject scope() {
    return new JsonObject().put("method", method).put("url", url).put("headers", headers).put("query", query)
        .put("body", parsedBody());
  }
}
