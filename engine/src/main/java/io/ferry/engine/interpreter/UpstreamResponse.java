package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * What the interpreter reads from an upstream response: the status, headers with lower-cased names (repeated
 * headers joined with ", "), the raw body and, when it is JSON, the parsed body.
 */
public record UpstreamResponse(int status, JsonObject headers, Buffer raw, Object body) {

  public static UpstreamResponse of(int status, JsonObject lowerCasedHeaders, Buffer raw) {
    return new UpstreamResponse(status, lowerCasedHeaders, raw, parse(raw));
  }

  public static Object parse(Buffer raw) {
    if (raw == null || raw.length() == 0) {
      return null;
    }
    byte first = firstNonSpace(raw);
    if (first != '{' && first != '[') {
      return raw.toString();
    }
    try {
      return io.vertx.core.json.Json.decodeValue(raw);
    } catch (RuntimeException e) {
      return raw.toString();
    }
  }

  private static byte firstNonSpace(Buffer raw) {
    for (int i = 0; i < raw.length(); i++) {
      byte b = raw.getByte(i);
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b;
      }
    }
    return 0;
  }

  public String header(String lowerCaseName) {
    return headers.getString(lowerCaseName);
  }

  /** The JSONata scope for rate-limit and error expressions. */
  public JsonObject scope() {
    return new JsonObject().put("status", status).put("status_code", status).put("headers", headers)
        .put("body", body).put("data", body).put("response", body);
  }
}
