package io.ferry.engine.connect;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One connection attempt a user's app handed to its customer: environment-scoped, single use, expiring. Only the
 * token's hash is stored; {@code context} (it may carry credentials) is sealed at rest.
 */
public record LinkToken(String id, String environmentId, String tenantId, String environmentIntegrationId,
                        String integratedAccountId, String redirectUri, JsonObject context, List<String> scopes,
                        String region, long expiresAt, Long usedAt) {

  public boolean used() {
    return usedAt != null;
  }

  public boolean expired(long now) {
    return expiresAt <= now;
  }

  public boolean reconnect() {
    return integratedAccountId != null;
  }
}
