package io.ferry.engine.unified;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.HashMap;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;

/** Unified models, base and environment mappings, and accounts' {@code unified_model_override}, in the store. */
public final class UnifiedStore {
  private final Database db;

  public UnifiedStore(Database db) {
    this.db = db;
  }

  /** Reads every model and mapping into one snapshot. */
  public Future<Definitions> load() {
    return db.run(SqlQueries.UNIFIED_MODELS, params()).compose(models -> {
      Map<String, JsonObject> byName = new HashMap<>();
      Map<String, JsonObject> byId = new HashMap<>();
      models.forEach(r -> {
        JsonObject m = model(r);
        byName.put(m.getString("name"), m);
        byId.put(m.getString("id"), m);
      });
      return db.run(SqlQueries.UNIFIED_MAPPINGS, params()).compose(base -> {
        Map<String, JsonObject> b = new HashMap<>();
        base.forEach(r -> {
          JsonObject row = mapping(r, byId);
          b.put(Definitions.key(row.getString("model_name"), row.getString("resource_name"),
              row.getString("integration_name"), row.getString("method_name")), row);
        });
        return db.run(SqlQueries.ENV_UNIFIED_MAPPINGS, params()).map(env -> {
          Map<String, JsonObject> e = new HashMap<>();
          env.forEach(r -> {
            JsonObject row = mapping(r, byId).put("environment_id", r.getString("environment_id"));
            e.put(r.getString("environment_id") + "|" + Definitions.key(row.getString("model_name"),
                row.getString("resource_name"), row.getString("integration_name"), row.getString("method_name")), row);
          });
          return new Definitions(Map.copyOf(byName), Map.copyOf(byId), Map.copyOf(b), Map.copyOf(e));
        });
      });
    });
  }

  /**
   * Inserts shipped models and mappings that are new, refreshes those whose file changed, and removes shipped mappings
   * no file has any more (models stay: admin-created mappings may hang on them).
   */
  public Future<Void> syncShipped(UnifiedFiles.Shipped shipped) {
    Future<Definitions> chain = load();
    for (JsonObject file : shipped.models()) {
      chain = chain.compose(d -> {
        JsonObject existing = d.modelsByName().get(file.getString("name"));
        if (existing == null) {
          return insertModel(file, "shipped").compose(x -> load());
        }
        return !"shipped".equals(existing.getString("source")) || definitionOf(existing).equals(definitionOf(file))
            ? Future.succeededFuture(d)
            : updateModel(existing, file, "shipped").compose(x -> load());
      });
    }
    for (UnifiedFiles.Mapping m : shipped.mappings()) {
      chain = chain.compose(d -> {
        JsonObject existing = d.baseMapping(m.model(), m.resource(), m.integration(), m.method());
        String modelId = d.modelsByName().get(m.model()).getString("id");
        if (existing == null) {
          return db.run(SqlQueries.INSERT_UNIFIED_MAPPING, params("id", Rows.newId(), "unified_model_id", modelId,
              "resource_name", m.resource(), "integration_name", m.integration(), "method_name", m.method(),
              "config", m.config().encode(), "source", "shipped", "now", System.currentTimeMillis())).map(d);
        }
        return !"shipped".equals(existing.getString("source")) || existing.getJsonObject("config").equals(m.config())
            ? Future.succeededFuture(d)
            : updateMapping(existing.getString("id"), m.config(), "shipped").map(d);
      });
    }
    // a shipped mapping no file ships any more (its file was replaced, e.g. through FERRY_UNIFIED_DIR) goes; rows
    // edited through the admin API stay
    java.util.Set<String> keys = new java.util.HashSet<>();
    shipped.mappings().forEach(m -> keys.add(Definitions.key(m.model(), m.resource(), m.integration(), m.method())));
    return chain.compose(x -> load()).compose(d -> {
      Future<Void> gone = Future.succeededFuture();
      for (var e : d.base().entrySet()) {
        if ("shipped".equals(e.getValue().getString("source")) && !keys.contains(e.getKey())) {
          gone = gone.compose(v -> deleteMapping(null, e.getValue().getString("id")));
        }
      }
      return gone;
    });
  }

  public Future<Void> insertModel(JsonObject body, String source) {
    return db.run(SqlQueries.INSERT_UNIFIED_MODEL, params("id", Rows.newId(), "name", body.getString("name"),
        "definition", definitionOf(body).encode(), "source", source, "now", System.currentTimeMillis())).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(isDuplicate(e) ? FerryFailure.conflict("a unified model named "
            + body.getString("name") + " exists") : e));
  }

  /** Optimistic: fails with 409 when the stored version moved on since {@code existing} was read. */
  public Future<Void> updateModel(JsonObject existing, JsonObject merged, String source) {
    return db.run(SqlQueries.UPDATE_UNIFIED_MODEL, params("id", existing.getString("id"), "name", merged.getString("name"),
        "definition", definitionOf(merged).encode(), "source", source, "version", existing.getInteger("version"),
        "now", System.currentTimeMillis()))
        .recover(e -> Future.failedFuture(isDuplicate(e) ? FerryFailure.conflict("a unified model named "
            + merged.getString("name") + " exists") : e))
        .compose(rs -> rs.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(FerryFailure.conflict("the unified model changed meanwhile; read it again")));
  }

  public Future<Void> deleteModel(String id) {
    return db.run(SqlQueries.DELETE_UNIFIED_MODEL, params("id", id)).mapEmpty();
  }

  public Future<String> insertMapping(String env, JsonObject body) {
    String id = Rows.newId();
    var p = params("id", id, "unified_model_id", body.getString("unified_model_id"), "resource_name",
        body.getString("resource_name"), "integration_name", body.getString("integration_name"), "method_name",
        body.getString("method_name"), "config", body.getJsonObject("config").encode(), "source", "api",
        "environment_id", env, "now", System.currentTimeMillis());
    return db.run(env == null ? SqlQueries.INSERT_UNIFIED_MAPPING : SqlQueries.INSERT_ENV_UNIFIED_MAPPING, p).map(id)
        .recover(e -> Future.failedFuture(isDuplicate(e)
            ? FerryFailure.conflict("a mapping for this model, resource, integration and method exists; PATCH it") : e));
  }

  public Future<Void> updateMapping(String id, JsonObject config, String source) {
    return db.run(SqlQueries.UPDATE_UNIFIED_MAPPING, params("id", id, "config", config.encode(), "source", source,
        "now", System.currentTimeMillis())).mapEmpty();
  }

  public Future<Void> updateEnvironmentMapping(String env, String id, JsonObject config) {
    return db.run(SqlQueries.UPDATE_ENV_UNIFIED_MAPPING, params("id", id, "environment_id", env, "config", config.encode(),
        "now", System.currentTimeMillis())).mapEmpty();
  }

  public Future<Void> deleteMapping(String env, String id) {
    return db.run(env == null ? SqlQueries.DELETE_UNIFIED_MAPPING : SqlQueries.DELETE_ENV_UNIFIED_MAPPING,
        params("id", id, "environment_id", env)).mapEmpty();
  }

  public Future<JsonObject> accountOverride(String accountId) {
    return db.run(SqlQueries.ACCOUNT_UNIFIED_OVERRIDE, params("id", accountId))
        .map(rs -> Rows.first(rs, r -> Rows.json(r, "override")).orElse(null));
  }

  /** Replaces the account's override wholesale (null clears it), in one transaction. */
  public Future<Void> setAccountOverride(String accountId, JsonObject override) {
    return db.inTransaction(conn -> db.run(conn, SqlQueries.DELETE_ACCOUNT_UNIFIED_OVERRIDE, params("id", accountId))
        .compose(x -> override == null ? Future.succeededFuture() : db.run(conn, SqlQueries.INSERT_ACCOUNT_UNIFIED_OVERRIDE,
            params("id", accountId, "override", override.encode(), "now", System.currentTimeMillis())).mapEmpty()));
  }

  static JsonObject definitionOf(JsonObject model) {
    JsonObject d = new JsonObject().put("category", model.getString("category")).put("description", model.getString("description"))
        .put("resources", model.getJsonObject("resources"));
    return d;
  }

  private static JsonObject model(Row r) {
    JsonObject d = Rows.json(r, "definition");
    return new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
        .put("category", d.getString("category")).put("description", d.getString("description"))
        .put("resources", d.getJsonObject("resources")).put("source", r.getString("source"))
        .put("version", r.getInteger("version")).put("created_at", Rows.iso(r, "created_at"))
        .put("updated_at", Rows.iso(r, "updated_at"));
  }

  private static JsonObject mapping(Row r, Map<String, JsonObject> models) {
    JsonObject model = models.get(r.getString("unified_model_id"));
    return new JsonObject().put("id", r.getString("id")).put("unified_model_id", r.getString("unified_model_id"))
        .put("model_name", model == null ? null : model.getString("name"))
        .put("resource_name", r.getString("resource_name")).put("integration_name", r.getString("integration_name"))
        .put("method_name", r.getString("method_name")).put("config", Json.parseObject(r.getString("config")))
        .put("source", r.getColumnIndex("source") < 0 ? "api" : r.getString("source"))
        .put("created_at", Rows.iso(r, "created_at")).put("updated_at", Rows.iso(r, "updated_at"));
  }

  private static boolean isDuplicate(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return m.contains("unique") || m.contains("duplicate");
  }
}
