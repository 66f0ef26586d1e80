package io.ferry.engine.connect;

import io.vertx.core.json.JsonObject;

/**
 * A started OAuth authorization: bound to its link token and integration, single use, short-lived. {@code context}
 * holds what the customer typed before leaving (e.g. a subdomain), sealed at rest.
 */
public record ConnectState(String id, String linkTokenId, String integration, String environmentIntegrationId,
                           String authenticationMethod, JsonObject context, boolean popup, long expiresAt, Long usedAt) {
}
