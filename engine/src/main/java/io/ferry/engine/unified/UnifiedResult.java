package io.ferry.engine.unified;

import java.util.Map;

/** The answer to a unified call: status, headers to send (ratelimit-*, or an upstream error's), and a JSON body. */
public record UnifiedResult(int status, Map<String, String> headers, Object body) {
}
