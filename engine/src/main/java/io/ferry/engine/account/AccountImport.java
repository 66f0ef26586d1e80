package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.integration.IntegrationJson;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Turns a validated import body and the install it names into a new {@link Account}, or a 400 naming the field. */
public record AccountImport(Account account) {

  public static AccountImport of(JsonObject body, String environmentId, Row installRow,
                                 io.ferry.engine.integration.ConfigSecrets secrets) {
    return of(body, environmentId, Install.of(installRow, secrets));
  }

  /**
   * What an import needs from its install: the integration and install as accounts carry them, and the credential
   * rules of the effective config. Worked out once per install row (opening sealed config values is not free), so a
   * bulk batch shares it between its lines; the objects are read-only from here on.
   */
  record Install(JsonObject integration, JsonObject install, CredentialRules rules, boolean lifecycle) {

    static Install of(Row installRow, io.ferry.engine.integration.ConfigSecrets secrets) {
      if (!installRow.getBoolean("is_enabled")) {
        throw FerryFailure.invalid("/environment_integration_id", "this environment integration is disabled");
      }
      JsonObject install = IntegrationJson.environmentIntegration(installRow);
      JsonObject integration = install.getJsonObject("integration");
      // Keep the full config (with client secrets) in memory: the proxy needs it, responses strip it.
      integration.put("config", secrets.open(Rows.json(installRow, "i_config")));
      install.put("override", secrets.open(Rows.json(installRow, "override")));
      install.remove("integration");
      JsonObject effective = Json.deepMerge(integration.getJsonObject("config"), install.getJsonObject("override"), false);
      return new Install(integration, install, CredentialRules.of(effective), hasLifecycleActions(effective));
    }
  }

  static AccountImport of(JsonObject body, String environmentId, Install target) {
    String method = body.getString("authentication_method");
    JsonObject context = ContextPatch.unwrapObjectStore(body.getJsonObject("context").copy());
    target.rules().checkImport(method, context);

    long now = System.currentTimeMillis();
    OAuthTokens.stampExpiry(context, now);
    ContextSecrets.Split split = ContextSecrets.split(context, target.rules().passwordFields());
    String status = target.lifecycle() ? "connecting" : "active";
    Account account = new Account(Rows.newId(), environmentId, target.install().getString("id"), body.getString("tenant_id"),
        split.publicPart(), split.secretPart(), status, null, null, body.getBoolean("is_sandbox", false), method,
        body.getString("region", "wnam"), now, now, target.integration(), target.install(), 0);
    return new AccountImport(account);
  }

  static boolean hasLifecycleActions(JsonObject effectiveConfig) {
    return effectiveConfig.getValue("actions") instanceof JsonObject actions
        && (actions.getValue("post_install") != null || actions.getValue("validation") != null);
  }
}
