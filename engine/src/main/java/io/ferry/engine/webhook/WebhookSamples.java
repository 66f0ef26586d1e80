package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/** Builds an {@link InboundRequest} from a sample given as JSON ({@code method, url, headers, query, body}). */
final class WebhookSamples {
  private WebhookSamples() {
  }

  static InboundRequest request(JsonObject sample) {
    JsonObject headers = new JsonObject();
    if (sample.getValue("headers") instanceof JsonObject h) {
      h.forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), String.valueOf(e.getValue())));
    }
    Object body = sample.getValue("body");
    Buffer raw = body == null ? Buffer.buffer() : body instanceof String s ? Buffer.buffer(s) : Buffer.buffer(io.vertx.core.json.Json.encode(body));
    return new InboundRequest(sample.getString("method", "POST"), sample.getString("url", "https://ferry.local/webhook"),
        headers, sample.getValue("query") instanceof JsonObject q ? q : new JsonObject(), raw);
  }
}
