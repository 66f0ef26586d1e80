package io.ferry.engine.account;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.integration.ConfigSecrets;
import io.ferry.engine.integration.IntegrationJson;
import io.ferry.engine.store.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * The integration and install an account row carries, parsed and opened once per version instead of once per row: a
 * page of accounts on one install repeats the same config, and parsing it and opening its sealed values was most of a
 * list's time. Also the API shape of each (secrets masked), once per instance. Every object handed out is shared:
 * read-only, like the rest of an {@link Account}.
 */
final class AccountParts {
  /** Per store (one Ferry's ids and keys): two Ferry instances in one JVM never see each other's configs. */
  private final Cache<String, JsonObject> opened = Caches.builder().maximumSize(2_000).build();
  private final ConfigSecrets secrets;
  /** Keyed by identity (weak keys): the masked form of exactly that opened object. */
  private static final Cache<JsonObject, JsonObject> MASKED = Caches.builder().weakKeys().maximumSize(2_000).build();

  AccountParts(ConfigSecrets secrets) {
    this.secrets = secrets;
  }

  /** {@code integration} of an account row (joined columns {@code i_*}), config opened; cached per integration version. */
  JsonObject integration(Row r) {
    return opened.get(integrationKey(r), k -> new JsonObject()
        .put("id", r.getString("ei_integration_id"))
        .put("name", r.getString("i_name"))
        .put("category", r.getString("i_category"))
        .put("is_beta", r.getBoolean("i_is_beta"))
        .put("config", secrets.open(Rows.json(r, "i_config")))
        .put("team_id", r.getString("i_team_id"))
        .put("sharing", r.getString("i_sharing"))
        .put("version", r.getInteger("i_version"))
        .put("created_at", Rows.iso(r, "i_created_at"))
        .put("updated_at", Rows.iso(r, "i_updated_at")));
  }

  /** The opened integration of a row read without its config column, or null when that version is not in memory. */
  JsonObject openedIntegration(Row r) {
    return opened.getIfPresent(integrationKey(r));
  }

  private static String integrationKey(Row r) {
    // an integration's config only changes with its version (a re-seal under a new key opens to the same values)
    return "i\n" + r.getString("ei_integration_id") + "\n" + r.getInteger("i_version") + "\n" + Rows.getLong(r, "i_updated_at");
  }

  /** {@code install} of an account row, override opened; cached per install and stored override. */
  JsonObject install(Row r) {
    String override = r.getString("ei_override");
    String key = "ei\n" + r.getString("environment_integration_id") + "\n" + Rows.getLong(r, "ei_updated_at") + "\n"
        + r.getBoolean("ei_is_enabled") + "\n" + r.getBoolean("ei_show_in_catalog") + "\n" + override;
    return opened.get(key, k -> new JsonObject()
        .put("id", r.getString("environment_integration_id"))
        .put("integration_id", r.getString("ei_integration_id"))
        .put("environment_id", r.getString("environment_id"))
        .put("show_in_catalog", r.getBoolean("ei_show_in_catalog"))
        .put("is_enabled", r.getBoolean("ei_is_enabled"))
        .put("override", secrets.open(Rows.json(r, "ei_override")))
        .put("created_at", Rows.iso(r, "ei_created_at"))
        .put("updated_at", Rows.iso(r, "ei_updated_at")));
  }

  /** {@code part} (an account's integration or install) as responses show it: its config or override masked. */
  static JsonObject masked(JsonObject part, String configKey) {
    return MASKED.get(part, p -> {
      JsonObject out = p.copy();
      out.put(configKey, IntegrationJson.stripSecrets(p.getJsonObject(configKey)));
      return out;
    });
  }
}
