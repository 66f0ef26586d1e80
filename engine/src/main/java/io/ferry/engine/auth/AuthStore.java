package io.ferry.engine.auth;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.crypto.Tokens;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Optional;

import static io.ferry.engine.store.Rows.params;

/** Teams, environments and API tokens in the store. */
public final class AuthStore {

  private final Database db;

  public AuthStore(Database db) {
    this.db = db;
  }

  /**
   * Ensures a default team and environment and an admin token exist. Returns the admin token when one was generated
   * (first start without {@code FERRY_API_TOKEN}), so the caller can print it once.
   */
  public Future<Optional<String>> seed(String configuredAdminToken) {
    return db.run(SqlQueries.DEFAULT_ENVIRONMENT, params())
        .compose(rs -> Rows.first(rs, r -> r.getString("id")).map(Future::succeededFuture).orElseGet(this::createDefaults))
        .compose(envId -> {
          if (configuredAdminToken != null) {
            String hash = Tokens.hash(configuredAdminToken);
            return principalByHash(hash).compose(p -> p.isPresent() ? Future.succeededFuture(Optional.<String>empty())
                : insertToken(envId, "admin", hash, null, true).map(Optional.empty()));
          }
          return db.run(SqlQueries.ADMIN_TOKEN_COUNT, params()).compose(rs -> {
            long count = ((Number) rs.iterator().next().getValue(0)).longValue();
            if (count > 0) {
              return Future.succeededFuture(Optional.empty());
            }
            String token = Tokens.generate();
            return insertToken(envId, "admin", Tokens.hash(token), null, true).map(Optional.of(token));
          });
        });
  }

  private Future<String> createDefaults() {
    String teamId = Rows.newId();
    String envId = Rows.newId();
    long now = System.currentTimeMillis();
    return db.inTransaction(conn -> db.run(conn, SqlQueries.INSERT_TEAM, params("id", teamId, "name", "default", "now", now))
        .compose(v -> db.run(conn, SqlQueries.INSERT_ENVIRONMENT,
            params("id", envId, "team_id", teamId, "name", "default", "is_default", true, "now", now))))
        .map(envId);
  }

  /** The token's principal (expired ones included: every cache checks {@link Principal#expiredAt} on each use). */
  public Future<Optional<Principal>> principalByHash(String hash) {
    return db.run(SqlQueries.TOKEN_BY_HASH, params("token_hash", hash)).map(rs -> Rows.first(rs, r ->
        new Principal(r.getString("id"), r.getString("environment_id"), r.getString("team_id"), r.getBoolean("is_admin"),
            Rows.getLong(r, "expires_at"))));
  }

  /** One token of the team (never its hash); 404 when unknown. */
  public Future<JsonObject> token(String teamId, String id) {
    return db.run(SqlQueries.TOKEN_BY_ID, params("id", id, "team_id", teamId))
        .compose(rs -> Rows.first(rs, AuthStore::tokenJson).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("api token " + id + " not found"))));
  }

  /** Deletes a non-admin token: the next request with it is a 401. */
  public Future<Boolean> deleteToken(String id) {
    return db.run(SqlQueries.DELETE_TOKEN, params("id", id)).map(rs -> rs.rowCount() > 0);
  }

  public Future<JsonArray> tokensOfTeam(String teamId, String environmentId) {
    return db.run(SqlQueries.TOKENS_OF_TEAM, params("team_id", teamId, "environment_id", environmentId)).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(tokenJson(r)));
      return out;
    });
  }

  private static JsonObject tokenJson(Row r) {
    return new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
        .put("environment_id", r.getString("environment_id")).put("expires_at", Rows.iso(r, "expires_at"))
        .put("created_at", Rows.iso(r, "created_at")).put("updated_at", Rows.iso(r, "updated_at"));
  }

  public Future<JsonArray> environments(String teamId) {
    return db.run(SqlQueries.ENVIRONMENTS_OF_TEAM, params("team_id", teamId)).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(environmentJson(r)));
      return out;
    });
  }

  public Future<JsonObject> environment(String teamId, String id) {
    return db.run(SqlQueries.ENVIRONMENT_BY_ID, params("id", id, "team_id", teamId))
        .compose(rs -> Rows.first(rs, AuthStore::environmentJson).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("environment " + id + " not found"))));
  }

  public Future<JsonObject> createEnvironment(String teamId, String name) {
    String id = Rows.newId();
    return db.run(SqlQueries.INSERT_ENVIRONMENT, params("id", id, "team_id", teamId, "name", name, "is_default", false,
        "now", System.currentTimeMillis())).compose(v -> environment(teamId, id));
  }

  public Future<JsonObject> renameEnvironment(String teamId, String id, String name) {
    return db.run(SqlQueries.UPDATE_ENVIRONMENT, params("id", id, "team_id", teamId, "name", name,
        "now", System.currentTimeMillis())).compose(v -> environment(teamId, id));
  }

  /** The caller's team: Ferry holds one team per installation, the one every token belongs to. */
  public Future<JsonObject> team(String teamId) {
    return db.run(SqlQueries.TEAM_BY_ID, params("id", teamId))
        .compose(rs -> Rows.first(rs, r -> new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
                .put("created_at", Rows.iso(r, "created_at")).put("updated_at", Rows.iso(r, "updated_at")))
            .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(FerryFailure.notFound("team " + teamId + " not found"))));
  }

  public Future<JsonObject> renameTeam(String teamId, String name) {
    return db.run(SqlQueries.UPDATE_TEAM, params("id", teamId, "name", name, "now", System.currentTimeMillis()))
        .compose(v -> team(teamId));
  }

  /** Creates a token; the plaintext is in the answer this once and stored only as a hash. */
  public Future<JsonObject> createToken(String environmentId, String name, Long expiresAt, boolean admin) {
    String token = Tokens.generate();
    return insertToken(environmentId, name, Tokens.hash(token), expiresAt, admin).map(id -> {
      long now = System.currentTimeMillis();
      return new JsonObject().put("id", id).put("name", name).put("environment_id", environmentId).put("token", token)
          .put("expires_at", io.ferry.engine.json.Json.isoOrNull(expiresAt))
          .put("created_at", io.ferry.engine.json.Json.iso(now)).put("updated_at", io.ferry.engine.json.Json.iso(now));
    });
  }

  private Future<String> insertToken(String environmentId, String name, String hash, Long expiresAt, boolean admin) {
    String id = Rows.newId();
    return db.run(SqlQueries.INSERT_TOKEN, params("id", id, "environment_id", environmentId, "name", name,
        "token_hash", hash, "is_admin", admin, "expires_at", expiresAt, "now", System.currentTimeMillis())).map(id);
  }

  public Future<JsonArray> tokens(String environmentId) {
    return db.run(SqlQueries.TOKENS_OF_ENVIRONMENT, params("environment_id", environmentId)).map(rs -> {
      JsonArray out = new JsonArray();
      for (Row r : rs) {
        out.add(tokenJson(r));
      }
      return out;
    });
  }

  private static JsonObject environmentJson(Row r) {
    return new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
        .put("team_id", r.getString("team_id")).put("created_at", Rows.iso(r, "created_at"))
        .put("updated_at", Rows.iso(r, "updated_at"));
  }
}
