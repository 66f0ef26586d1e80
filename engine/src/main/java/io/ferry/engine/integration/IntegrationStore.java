package io.ferry.engine.integration;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.List;

import static io.ferry.engine.store.Rows.params;

/** Integrations and environment integrations in the store. */
public final class IntegrationStore {

  private final Database db;
  private final ConfigSecrets secrets;

  public IntegrationStore(Database db, io.ferry.engine.crypto.SecretBox box) {
    this.db = db;
    this.secrets = new ConfigSecrets(box);
  }

  /** Seals, opens and masks the secrets of configs and overrides. */
  public ConfigSecrets configSecrets() {
    return secrets;
  }

  /** A stored config or override column with its secrets opened (engine use only, never a response). */
  public JsonObject openJson(Row row, String column) {
    return secrets.open(Rows.json(row, column));
  }

  public Future<String> defaultTeam() {
    return db.run(SqlQueries.DEFAULT_ENVIRONMENT, params())
        .map(rs -> Rows.first(rs, r -> r.getString("team_id")).orElseThrow(() -> new IllegalStateException("store not seeded")));
  }

  /** Inserts catalog entries that are new and refreshes those whose file changed. */
  public Future<Void> syncCatalog(String teamId, List<IntegrationCatalog.Entry> entries) {
    Future<Void> chain = Future.succeededFuture();
    for (IntegrationCatalog.Entry e : entries) {
      chain = chain.compose(v -> db.run(SqlQueries.INTEGRATION_BY_NAME, params("name", e.name(), "team_id", teamId))
          .compose(rs -> {
            var existing = Rows.first(rs, r -> r);
            String category = e.config().getString("category");
            if (existing.isEmpty()) {
              return db.run(SqlQueries.INSERT_INTEGRATION, params("id", Rows.newId(), "team_id", teamId, "name", e.name(),
                  "category", category, "is_beta", false, "sharing", "allow", "config", secrets.seal(e.config()).encode(),
                  "source", "catalog", "now", System.currentTimeMillis())).mapEmpty();
            }
            Row row = existing.get();
            if (!"catalog".equals(row.getString("source")) || openJson(row, "config").equals(e.config())) {
              return Future.succeededFuture();
            }
            return db.run(SqlQueries.UPDATE_INTEGRATION, params("id", row.getString("id"), "team_id", teamId,
                "name", e.name(), "category", category, "is_beta", row.getBoolean("is_beta"), "sharing", row.getString("sharing"),
                "config", secrets.seal(e.config()).encode(), "version", row.getInteger("version"), "now", System.currentTimeMillis())).mapEmpty();
          }));
    }
    return chain;
  }

  public Future<JsonArray> list(String teamId, String name) {
    return db.run(SqlQueries.INTEGRATIONS, params("team_id", teamId, "name", name)).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(IntegrationJson.integration(r)));
      return out;
    });
  }

  public Future<Row> row(String teamId, String id) {
    return db.run(SqlQueries.INTEGRATION_BY_ID, params("id", id, "team_id", teamId))
        .compose(rs -> Rows.first(rs, r -> r).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("integration " + id + " not found"))));
  }

  public Future<JsonObject> get(String teamId, String id) {
    return row(teamId, id).map(IntegrationJson::integration);
  }

  public Future<JsonObject> create(String teamId, JsonObject body) {
    String id = Rows.newId();
    return db.run(SqlQueries.INTEGRATION_BY_NAME, params("name", body.getString("name"), "team_id", teamId))
        .compose(rs -> rs.size() > 0
            ? Future.failedFuture(FerryFailure.conflict("an integration named " + body.getString("name") + " already exists"))
            : db.run(SqlQueries.INSERT_INTEGRATION, params("id", id, "team_id", teamId, "name", body.getString("name"),
                "category", body.getString("category"), "is_beta", body.getBoolean("is_beta", false),
                "sharing", body.getString("sharing", "allow"), "config", secrets.seal(body.getJsonObject("config")).encode(),
                "source", "api", "now", System.currentTimeMillis())))
        .compose(v -> get(teamId, id));
  }

  /** Optimistic update: fails with 409 when {@code version} is not the stored one. */
  public Future<JsonObject> update(String teamId, String id, JsonObject merged, int version) {
    return db.run(SqlQueries.UPDATE_INTEGRATION, params("id", id, "team_id", teamId, "name", merged.getString("name"),
            "category", merged.getString("category"), "is_beta", merged.getBoolean("is_beta"),
            "sharing", merged.getString("sharing"), "config", secrets.seal(merged.getJsonObject("config")).encode(),
            "version", version, "now", System.currentTimeMillis()))
        .compose(rs -> rs.rowCount() == 0
            ? Future.failedFuture(FerryFailure.conflict("integration " + id + " was changed since version " + version + "; read it again"))
            : get(teamId, id));
  }

  public Future<JsonObject> delete(String teamId, String id) {
    return delete(teamId, id, new java.util.ArrayList<>());
  }

  /**
   * Deletes an integration; its installs and their accounts go with it (SQL cascade), and an
   * {@code integrated_account:deleted} event for each of those accounts is queued in the same transaction. The
   * deleted accounts ({environment id, account id}) are added to {@code cascaded} for publishing after the commit.
   */
  public Future<JsonObject> delete(String teamId, String id, List<String[]> cascaded) {
    return cascading(SqlQueries.ACCOUNT_IDS_OF_INTEGRATION, params("integration_id", id), cascaded,
        tx -> db.run(tx, SqlQueries.DELETE_INTEGRATION, params("id", id, "team_id", teamId)), "integration " + id + " not found", id);
  }

  private Future<JsonObject> cascading(String accountsSql, java.util.Map<String, Object> accountParams, List<String[]> cascaded,
                                       java.util.function.Function<io.vertx.sqlclient.SqlClient, Future<io.vertx.sqlclient.RowSet<Row>>> delete,
                                       String notFound, String id) {
    return db.inTransaction(tx -> db.run(tx, accountsSql, accountParams).compose(accounts -> delete.apply(tx).compose(rs -> {
      if (rs.rowCount() == 0) {
        return Future.failedFuture(FerryFailure.notFound(notFound));
      }
      Future<Void> chain = Future.succeededFuture();
      for (Row a : accounts) {
        String accountId = a.getString("id");
        String env = a.getString("environment_id");
        cascaded.add(new String[] {env, accountId});
        if (outbox != null) {
          chain = chain.compose(v -> outbox.enqueue(tx, env, "integrated_account:deleted", new JsonObject().put("id", accountId)).mapEmpty());
        }
      }
      return chain.map(new JsonObject().put("id", id));
    })));
  }

  private io.ferry.engine.webhook.EventOutbox outbox;

  /** Deletes that cascade to accounts queue their {@code integrated_account:deleted} events here. */
  public IntegrationStore withOutbox(io.ferry.engine.webhook.EventOutbox outbox) {
    this.outbox = outbox;
    return this;
  }

  // --- environment integrations ---

  public Future<Row> installRow(String environmentId, String id) {
    return db.run(SqlQueries.EI_BY_ID, params("id", id, "environment_id", environmentId))
        .compose(rs -> Rows.first(rs, r -> r).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("environment integration " + id + " not found"))));
  }

  public Future<JsonObject> install(String environmentId, String id) {
    return installRow(environmentId, id).map(IntegrationJson::environmentIntegration);
  }

  public Future<JsonArray> installs(String environmentId, String integrationId, String integrationName, Boolean enabled) {
    return db.run(SqlQueries.EIS, params("environment_id", environmentId, "integration_id", integrationId,
        "integration_name", integrationName, "is_enabled", enabled)).map(rs -> {
          JsonArray out = new JsonArray();
          rs.forEach(r -> out.add(IntegrationJson.environmentIntegration(r)));
          return out;
        });
  }

  /** Idempotent: installing an installed integration answers the existing install. */
  public Future<JsonObject> createInstall(String environmentId, JsonObject body) {
    String integrationId = body.getString("integration_id");
    return db.run(SqlQueries.EI_BY_INTEGRATION, params("integration_id", integrationId, "environment_id", environmentId))
        .compose(rs -> {
          var existing = Rows.first(rs, IntegrationJson::environmentIntegration);
          if (existing.isPresent()) {
            return Future.succeededFuture(existing.get());
          }
          String id = Rows.newId();
          return db.run(SqlQueries.INSERT_EI, params("id", id, "environment_id", environmentId, "integration_id", integrationId,
                  "override", secrets.seal(body.getJsonObject("override", new JsonObject())).encode(),
                  "is_enabled", body.getBoolean("is_enabled", true), "show_in_catalog", body.getBoolean("show_in_catalog", true),
                  "now", System.currentTimeMillis()))
              .compose(v -> install(environmentId, id));
        });
  }

  public Future<JsonObject> updateInstall(String environmentId, String id, JsonObject body) {
    return installRow(environmentId, id).compose(row -> db.run(SqlQueries.UPDATE_EI, params("id", id,
            "environment_id", environmentId,
            // override is replaced wholesale; a "********" sent back keeps the stored secret at that place
            "override", body.containsKey("override") ? secrets.seal(ConfigSecrets.keepMasked(body.getJsonObject("override"),
                Rows.json(row, "override"))).encode() : row.getString("override"),
            "is_enabled", body.getBoolean("is_enabled", row.getBoolean("is_enabled")),
            "show_in_catalog", body.getBoolean("show_in_catalog", row.getBoolean("show_in_catalog")),
            "now", System.currentTimeMillis())))
        .compose(v -> install(environmentId, id));
  }

  public Future<JsonObject> deleteInstall(String environmentId, String id) {
    return deleteInstall(environmentId, id, new java.util.ArrayList<>());
  }

  /** Deletes an install and (cascade) its accounts, queuing their {@code integrated_account:deleted} events. */
  public Future<JsonObject> deleteInstall(String environmentId, String id, List<String[]> cascaded) {
    return cascading(SqlQueries.ACCOUNT_IDS_OF_INSTALL, params("environment_integration_id", id), cascaded,
        tx -> db.run(tx, SqlQueries.DELETE_EI, params("id", id, "environment_id", environmentId)),
        "environment integration " + id + " not found", id);
  }
}
