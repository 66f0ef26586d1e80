package io.ferry.engine.integration;

import io.ferry.engine.store.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Row → API shapes for integrations and environment integrations, with OAuth client secrets stripped. */
public final class IntegrationJson {
  private IntegrationJson() {
  }

  /** An integration from columns named with {@code prefix} ("" for the integration table, "i_" in joins). */
  public static JsonObject integration(Row r, String prefix, String id) {
    return new JsonObject()
        .put("id", id)
        .put("name", r.getString(prefix + "name"))
        .put("category", r.getString(prefix + "category"))
        .put("is_beta", r.getBoolean(prefix + "is_beta"))
        .put("config", stripSecrets(Rows.json(r, prefix + "config")))
        .put("team_id", r.getString(prefix + "team_id"))
        .put("sharing", r.getString(prefix + "sharing"))
        .put("version", r.getInteger(prefix + "version"))
        .put("created_at", Rows.iso(r, prefix + "created_at"))
        .put("updated_at", Rows.iso(r, prefix + "updated_at"));
  }

  public static JsonObject integration(Row r) {
    return integration(r, "", r.getString("id"));
  }

  public static JsonObject environmentIntegration(Row r) {
    return new JsonObject()
        .put("id", r.getString("id"))
        .put("integration_id", r.getString("integration_id"))
        .put("environment_id", r.getString("environment_id"))
        .put("show_in_catalog", r.getBoolean("show_in_catalog"))
        .put("is_enabled", r.getBoolean("is_enabled"))
        .put("override", stripSecrets(Rows.json(r, "override")))
        .put("integration", integration(r, "i_", r.getString("integration_id")))
        .put("created_at", Rows.iso(r, "created_at"))
        .put("updated_at", Rows.iso(r, "updated_at"));
  }

  /** A copy of a config with every secret shown as {@code "********"} ({@link ConfigSecrets}). */
  public static JsonObject stripSecrets(JsonObject config) {
    return ConfigSecrets.masked(config);
  }

  /** A copy of a config without {@code credentials.*.config.client.secret} (single or keyed form). */
  static JsonObject withoutClientSecrets(JsonObject config) {
    if (!(config.getValue("credentials") instanceof JsonObject credentials)) {
      return config;
    }
    JsonObject out = config.copy();
    JsonObject creds = out.getJsonObject("credentials");
    if (credentials.containsKey("format")) {
      stripClientSecret(creds);
    } else {
      creds.forEach(e -> {
        if (e.getValue() instanceof JsonObject c) {
          stripClientSecret(c);
        }
      });
    }
    return out;
  }

  private static void stripClientSecret(JsonObject credential) {
    if (credential.getValue("config") instanceof JsonObject cfg && cfg.getValue("client") instanceof JsonObject client) {
      client.remove("secret");
    }
  }
}
