package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

/** The request to send, with the resolved method and the page state it was built for. */
public record PlannedRequest(MethodConfig method, JsonObject pageState, UpstreamRequest request) {
}
