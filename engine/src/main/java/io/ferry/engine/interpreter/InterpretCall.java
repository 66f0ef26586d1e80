package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

/**
 * Ask for the upstream request of one method call. {@code versionKey} names this exact effective config (it keys
 * the method cache); {@code binding} ties cursors to the account, resource and method.
 */
public record InterpretCall(JsonObject effectiveConfig, String versionKey, String resource, String method,
                            String authenticationMethod, JsonObject context, JsonObject environmentVariables,
                            CallInput input, String cursor, String binding) {
}
