package io.ferry.engine.unified;

import io.ferry.engine.json.SplicedValues;

import java.util.Map;

/**
 * The answer to a unified call: status, headers to send (ratelimit-*, or an upstream error's), and a JSON body;
 * {@code spliced} (or null) holds the upstream bytes its {@code remote_data} objects can be written from.
 */
public record UnifiedResult(int status, Map<String, String> headers, Object body, SplicedValues spliced) {

  public UnifiedResult(int status, Map<String, String> headers, Object body) {
    this(status, headers, body, null);
  }
}
