package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/** The exact request to send upstream: method, full URL with encoded query, headers in order, body bytes. */
public record UpstreamRequest(String method, String url, List<Map.Entry<String, String>> headers, Buffer body) {

  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
