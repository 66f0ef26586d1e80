package io.ferry.engine.webhook;

import io.ferry.engine.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Resolves the tokens a signature config uses: {@code $body} (raw bytes), {@code $body.<path>} (a JSON field),
 * {@code $header.<name>}, {@code $query.<name>}, {@code $method}, {@code $url}, {@code $signature.<key>} (a field of a
 * {@code k=v} signature header); anything else is a literal.
 */
final class SignedParts {
  private SignedParts() {
  }

  /** The bytes of one part; null when a referenced value is missing. */
  static Buffer bytes(String token, InboundRequest req, JsonObject signatureFields) {
    if ("$body".equals(token) || "body".equals(token)) {
      return req.body();
    }
    String v = text(token, req, signatureFields);
    return v == null ? null : Buffer.buffer(v);
  }

  static String text(String token, InboundRequest req, JsonObject signatureFields) {
    if (token == null) {
      return null;
    }
    if (token.equals("$body")) {
      return req.body().toString();
    }
    if (token.startsWith("$header.")) {
      return req.header(token.substring("$header.".length()));
    }
    if (token.startsWith("$query.")) {
      Object v = req.query().getValue(token.substring("$query.".length()));
      return v == null ? null : v.toString();
    }
    if (token.startsWith("$signature.")) {
      return signatureFields == null ? null : signatureFields.getString(token.substring("$signature.".length()));
    }
    if (token.startsWith("$body.")) {
      Object v = Json.at(req.parsedBody(), token.substring("$body.".length()));
      return v == null ? null : v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : v.toString();
    }
    return switch (token) {
      case "$method" -> req.method();
      case "$url" -> req.url();
      default -> token;
    };
  }
}
