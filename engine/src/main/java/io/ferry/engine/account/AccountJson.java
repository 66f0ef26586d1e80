package io.ferry.engine.account;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

/** The API shape of an integrated account: Truto's fields, credentials masked, client secrets stripped. */
public final class AccountJson {
  private AccountJson() {
  }

  public static JsonObject of(Account a) {
    // shared masked forms (read-only): a page of accounts repeats the same integration and install
    JsonObject integration = AccountParts.masked(a.integration(), "config");
    JsonObject install = AccountParts.masked(a.install(), "override");
    return new JsonObject()
        .put("id", a.id())
        .put("tenant_id", a.tenantId())
        .put("environment_integration_id", a.environmentIntegrationId())
        .put("context", ContextSecrets.masked(a.publicContext(), a.secrets()))
        .put("status", a.status())
        .put("last_error", a.lastError())
        .put("last_action_result", a.lastActionResult())
        .put("created_at", Json.iso(a.createdAt()))
        .put("updated_at", Json.iso(a.updatedAt()))
        .put("is_sandbox", a.isSandbox())
        .put("authentication_method", a.authenticationMethod())
        .put("region", a.region())
        // Truto offloads large context values to an object store; Ferry keeps all of the context in its own store
        .put("object_store_context_fields", new io.vertx.core.json.JsonArray())
        .put("environment_id", a.environmentId())
        .put("integration", integration)
        .put("environment_integration", install);
  }
}
