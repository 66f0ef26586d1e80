package io.ferry.engine.proxy;

import java.util.Map;

/** The answer to a proxy call: status, headers to send, and a body (JsonObject, JsonArray, Buffer or null). */
public record ProxyResult(int status, Map<String, String> headers, Object body) {
}
