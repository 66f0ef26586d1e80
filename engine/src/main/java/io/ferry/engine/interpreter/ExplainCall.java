package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Ask the interpreter what a call would send, without sending it: the call as the proxy would plan it, the two config
 * layers it was merged from (to say where each part came from), the secret values to mask in the answer, and the
 * account's node-local state the caller knows of (token expiry, rate-limit gate).
 */
public record ExplainCall(InterpretCall call, JsonObject integrationConfig, JsonObject override, List<String> secrets,
                          JsonObject state) {
}
