package io.ferry.engine.account;

import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.integration.IntegrationJson;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Turns a validated import body and the install it names into a new {@link Account}, or a 400 naming the field. */
public record AccountImport(Account account) {

  public static AccountImport of(JsonObject body, String environmentId, Row installRow) {
    if (!installRow.getBoolean("is_enabled")) {
      throw FerryFailure.invalid("/environment_integration_id", "this environment integration is disabled");
    }
    JsonObject install = IntegrationJson.environmentIntegration(installRow);
    JsonObject integration = install.getJsonObject("integration");
    // Keep the full config (with client secrets) in memory: the proxy needs it, responses strip it.
    integration.put("config", Rows.json(installRow, "i_config"));
    install.put("override", Rows.json(installRow, "override"));
    install.remove("integration");

    JsonObject effective = Json.deepMerge(integration.getJsonObject("config"), install.getJsonObject("override"), false);
    CredentialRules rules = CredentialRules.of(effective);
    String method = body.getString("authentication_method");
    JsonObject context = ContextPatch.unwrapObjectStore(body.getJsonObject("context").copy());
    rules.checkImport(method, context);

    long now = System.currentTimeMillis();
    OAuthTokens.stampExpiry(context, now);
    ContextSecrets.Split split = ContextSecrets.split(context, rules.passwordFields());
    String status = hasLifecycleActions(effective) ? "connecting" : "active";
    Account account = new Account(Rows.newId(), environmentId, install.getString("id"), body.getString("tenant_id"),
        split.publicPart(), split.secretPart(), status, null, null, body.getBoolean("is_sandbox", false), method,
        body.getString("region", "wnam"), now, now, integration, install);
    return new AccountImport(account);
  }

  static boolean hasLifecycleActions(JsonObject effectiveConfig) {
    return effectiveConfig.getValue("actions") instanceof JsonObject actions
        && (actions.getValue("post_install") != null || actions.getValue("validation") != null);
  }
}
