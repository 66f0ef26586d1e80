package io.ferry.engine.bus;

import io.vertx.core.json.JsonObject;

/** An integrated-account lifecycle event ({@code integrated_account:created}, ...); payload has secrets masked. */
public record AccountEvent(String event, String environmentId, String accountId, JsonObject payload) {
}
