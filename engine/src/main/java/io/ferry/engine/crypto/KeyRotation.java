package io.ferry.engine.crypto;

import io.ferry.engine.integration.ConfigSecrets;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Migrations;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.ferry.engine.store.Rows.params;

/**
 * {@code ferry rotate-keys}: re-encrypts every sealed value (account credentials, outbound webhook secrets, secrets in
 * integration configs and install overrides) with the newest configured key, row by row. After it, older keys may be
 * removed from {@code FERRY_ENCRYPTION_KEY}. Safe to run again: rows already on the newest key are left alone. On the
 * embedded store it ends by rewriting the file from live data, which shuts that database down: close it after.
 */
public final class KeyRotation {
  private final Database db;
  private final SecretBox box;
  private final ConfigSecrets configs;

  public KeyRotation(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
    this.configs = new ConfigSecrets(box);
  }

  /** Rows rewritten per table. */
  public Future<JsonObject> run() {
    JsonObject counts = new JsonObject();
    return Migrations.migrate(db)
        .compose(v -> table(SqlQueries.SEALED_ACCOUNTS, "secrets", box::reseal,
            (id, sealed) -> params("id", id, "sealed", sealed, "key_id", box.keyId()), SqlQueries.RESEAL_ACCOUNT))
        .compose(n -> count(counts, "integrated_account", n))
        .compose(v -> table(SqlQueries.SEALED_WEBHOOKS, "secret", box::reseal,
            (id, sealed) -> params("id", id, "sealed", sealed), SqlQueries.RESEAL_WEBHOOK))
        .compose(n -> count(counts, "webhook", n))
        .compose(v -> table(SqlQueries.INTEGRATION_CONFIGS, "config", json -> configs.seal(new JsonObject(json)).encode(),
            (id, config) -> params("id", id, "config", config), SqlQueries.RESEAL_INTEGRATION))
        .compose(n -> count(counts, "integration", n))
        .compose(v -> table(SqlQueries.INSTALL_OVERRIDES, "override", json -> configs.seal(new JsonObject(json)).encode(),
            (id, override) -> params("id", id, "override", override), SqlQueries.RESEAL_INSTALL))
        .compose(n -> count(counts, "environment_integration", n))
        .compose(v -> db.rewriteWithoutFreedSpace())
        .map(counts);
  }

  private static Future<Void> count(JsonObject counts, String table, int n) {
    counts.put(table, n);
    return Future.succeededFuture();
  }

  private Future<Integer> table(String select, String column, Function<String, String> reseal,
                                java.util.function.BiFunction<String, String, java.util.Map<String, Object>> update, String sql) {
    return db.run(select, params()).compose(rs -> {
      List<String[]> changed = new ArrayList<>();
      for (Row r : rs) {
        String before = r.getString(column);
        String after = before == null ? null : reseal.apply(before);
        if (after != null && !after.equals(before)) {
          changed.add(new String[] {r.getString("id"), after});
        }
      }
      Future<Void> chain = Future.succeededFuture();
      for (String[] c : changed) {
        chain = chain.compose(v -> db.run(sql, update.apply(c[0], c[1])).mapEmpty());
      }
      return chain.map(changed.size());
    });
  }

}
