package io.ferry.engine.webhook;

import io.ferry.engine.interpreter.Placeholders;
import io.ferry.engine.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Resolves the tokens a signature config uses: {@code $body} (raw bytes), {@code $body.<path>} (a JSON field),
 * {@code $header.<name>}, {@code $query.<name>}, {@code $method}, {@code $url}, {@code $signature.<key>} (a field of a
 * {@code k=v} signature header), {@code $form_sorted} (sorted form parameters, Twilio/Mandrill), {@code $secret} (the
 * secret itself, for {@code digest}); anything else is a literal, with {@code {{placeholders}}} over the account.
 */
final class SignedParts {
  private SignedParts() {
  }

  /** What the tokens read: the request, the signature header's fields, the account data, the URL form, the secret. */
  record Scope(InboundRequest req, JsonObject signatureFields, JsonObject data, String url, String secret) {
    static Scope of(InboundRequest req, JsonObject signatureFields) {
      return new Scope(req, signatureFields, null, req.url(), null);
    }
  }

  /** The bytes of one part; null when a referenced value is missing. */
  static Buffer bytes(String token, Scope scope) {
    if ("$body".equals(token) || "body".equals(token)) {
      return scope.req().body();
    }
    String v = text(token, scope);
    return v == null ? null : Buffer.buffer(v);
  }

  static String text(String token, InboundRequest req, JsonObject signatureFields) {
    return text(token, Scope.of(req, signatureFields));
  }

  static String text(String token, Scope scope) {
    InboundRequest req = scope.req();
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
      return scope.signatureFields() == null ? null : scope.signatureFields().getString(token.substring("$signature.".length()));
    }
    if (token.startsWith("$body.")) {
      Object v = Json.at(req.parsedBody(), token.substring("$body.".length()));
      return v == null ? null : v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : v.toString();
    }
    return switch (token) {
      case "$method" -> req.method();
      case "$url" -> scope.url();
      case "$form_sorted" -> FormParams.sorted(req);
      case "$secret" -> scope.secret();
      default -> literal(token, scope.data());
    };
  }

  private static String literal(String token, JsonObject data) {
    if (data == null || !token.contains("{{")) {
      return token;
    }
    Object v = Placeholders.render(token, data);
    return v == null || Placeholders.hasPlaceholder(String.valueOf(v)) ? null : String.valueOf(v);
  }
}
