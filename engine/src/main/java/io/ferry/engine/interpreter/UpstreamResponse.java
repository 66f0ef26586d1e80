package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

/**
 * What the interpreter reads from an upstream response: the status, headers with lower-cased names (repeated
 * headers joined with ", "), the raw body and, when it is JSON, the parsed body. A streamed answer (raw format,
 * binary download) has neither: its body is {@code stream}, paused, read once by whoever sends it on.
 */
public record UpstreamResponse(int status, JsonObject headers, Buffer raw, Object body, ReadStream<Buffer> stream) {

  public UpstreamResponse(int status, JsonObject headers, Buffer raw, Object body) {
    this(status, headers, raw, body, null);
  }

  public static UpstreamResponse streamed(int status, JsonObject lowerCasedHeaders, ReadStream<Buffer> stream) {
    return new UpstreamResponse(status, lowerCasedHeaders, null, null, stream);
  }

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
