package io.ferry.engine.proxy;

import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * The answer to a proxy call: status, headers to send, and a body (JsonObject, JsonArray, Buffer, a {@link StreamedBody} still arriving, or null). On success
 * {@code upstreamBody} is the parsed upstream body before {@code response_path} and paging were applied (what the
 * unified API binds to {@code response}) and {@code upstreamBytes} the bytes it was parsed from; null otherwise.
 * Never sent to callers of {@code /proxy}.
 */
public record ProxyResult(int status, Map<String, String> headers, Object body, Object upstreamBody, Buffer upstreamBytes) {

  public ProxyResult(int status, Map<String, String> headers, Object body) {
    this(status, headers, body, null, null);
  }
}
