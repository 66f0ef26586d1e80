package io.ferry.engine.account;

import io.vertx.core.json.JsonObject;

/**
 * An integrated account as Ferry holds it in memory: the public context and the decrypted credentials kept apart,
 * plus the integration and install it belongs to. Immutable: changes make a new instance. {@code version} is the
 * row's version: every committed write adds one, and a write based on an older version loses (optimistic concurrency).
 */
public record Account(
    String id,
    String environmentId,
    String environmentIntegrationId,
    String tenantId,
    JsonObject publicContext,
    JsonObject secrets,
    String status,
    String lastError,
    JsonObject lastActionResult,
    boolean isSandbox,
    String authenticationMethod,
    String region,
    long createdAt,
    long updatedAt,
    JsonObject integration,
    JsonObject install,
    long version) {

  /** The full context, credentials included: for building upstream requests only, never for responses or logs. */
  public JsonObject context() {
    return ContextSecrets.join(publicContext, secrets);
  }

  /**
   * {@code integration.config} deep-merged with the install's {@code override}; merged once per config version and
   * thread, then shared: treat it as read-only.
   */
  public JsonObject effectiveConfig() {
    return EffectiveConfigs.of(this);
  }

  /** Names this exact effective config: integration id and version, install id and update time. */
  public String configVersion() {
    return integration.getString("id") + ":" + integration.getInteger("version") + ":" + install.getString("id") + ":"
        + install.getString("updated_at");
  }

  public String integrationName() {
    return integration.getString("name");
  }

  public Account withContext(JsonObject publicPart, JsonObject secretPart) {
    return new Account(id, environmentId, environmentIntegrationId, tenantId, publicPart, secretPart, status, lastError,
        lastActionResult, isSandbox, authenticationMethod, region, createdAt, updatedAt, integration, install, version);
  }

  public Account withStatus(String newStatus, String newLastError, JsonObject newResult) {
    return new Account(id, environmentId, environmentIntegrationId, tenantId, publicContext, secrets, newStatus, newLastError,
        newResult, isSandbox, authenticationMethod, region, createdAt, updatedAt, integration, install, version);
  }

  public Account withTenantAndMethod(String newTenant, String newMethod) {
    return new Account(id, environmentId, environmentIntegrationId, newTenant, publicContext, secrets, status, lastError,
        lastActionResult, isSandbox, newMethod, region, createdAt, updatedAt, integration, install, version);
  }

  /** This state as version {@code v} (what a committed write or a re-read produced). */
  public Account withVersion(long v) {
    return new Account(id, environmentId, environmentIntegrationId, tenantId, publicContext, secrets, status, lastError,
        lastActionResult, isSandbox, authenticationMethod, region, createdAt, updatedAt, integration, install, v);
  }

  public Account withUpdatedAt(long at) {
    return new Account(id, environmentId, environmentIntegrationId, tenantId, publicContext, secrets, status, lastError,
        lastActionResult, isSandbox, authenticationMethod, region, createdAt, at, integration, install, version);
  }
}
