package io.ferry.engine.connect;

import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.List;

import static io.ferry.engine.store.Rows.params;

/** Link tokens (by hash) and OAuth states in the store; both are consumed with one conditional UPDATE. */
final class ConnectStore {
  private final Database db;
  private final SecretBox box;

  ConnectStore(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
  }

  Future<Void> insert(LinkToken t, String tokenHash) {
    return db.run(SqlQueries.INSERT_LINK_TOKEN, params("id", t.id(), "environment_id", t.environmentId(),
        "token_hash", tokenHash, "tenant_id", t.tenantId(), "environment_integration_id", t.environmentIntegrationId(),
        "integrated_account_id", t.integratedAccountId(), "redirect_uri", t.redirectUri(), "context", seal(t.context()),
        "scopes", t.scopes() == null ? null : new JsonArray(t.scopes()).encode(), "region", t.region(),
        "expires_at", t.expiresAt(), "now", System.currentTimeMillis())).mapEmpty();
  }

  /** The link token with this hash, or null. */
  Future<LinkToken> byHash(String tokenHash) {
    return db.run(SqlQueries.LINK_TOKEN_BY_HASH, params("token_hash", tokenHash)).map(rs -> Rows.first(rs, this::linkToken).orElse(null));
  }

  Future<LinkToken> byId(String id) {
    return db.run(SqlQueries.LINK_TOKEN_BY_ID, params("id", id)).map(rs -> Rows.first(rs, this::linkToken).orElse(null));
  }

  /** True for the one caller that used the token (unused and unexpired until now). */
  Future<Boolean> use(LinkToken t) {
    return db.run(SqlQueries.USE_LINK_TOKEN, params("id", t.id(), "now", System.currentTimeMillis())).map(rs -> rs.rowCount() == 1);
  }

  Future<Void> insert(ConnectState s) {
    return db.run(SqlQueries.INSERT_CONNECT_STATE, params("id", s.id(), "link_token_id", s.linkTokenId(),
        "integration", s.integration(), "environment_integration_id", s.environmentIntegrationId(),
        "authentication_method", s.authenticationMethod(), "context", seal(s.context()), "popup", s.popup(),
        "expires_at", s.expiresAt(), "now", System.currentTimeMillis())).mapEmpty();
  }

  Future<ConnectState> state(String id) {
    return db.run(SqlQueries.CONNECT_STATE_BY_ID, params("id", id)).map(rs -> Rows.first(rs, r -> new ConnectState(
        r.getString("id"), r.getString("link_token_id"), r.getString("integration"), r.getString("environment_integration_id"),
        r.getString("authentication_method"), unseal(r.getString("context")), r.getBoolean("popup"),
        Rows.getLong(r, "expires_at"), Rows.getLong(r, "used_at"))).orElse(null));
  }

  /** True for the one caller that used the state. */
  Future<Boolean> use(ConnectState s) {
    return db.run(SqlQueries.USE_CONNECT_STATE, params("id", s.id(), "now", System.currentTimeMillis())).map(rs -> rs.rowCount() == 1);
  }

  /** Deletes states a day past expiry and link tokens 30 days past it; idempotent, so every node may run it. */
  Future<Void> sweep(long now) {
    return db.run(SqlQueries.DELETE_OLD_CONNECT_STATES, params("before", now - 86_400_000L))
        .compose(v -> db.run(SqlQueries.DELETE_OLD_LINK_TOKENS, params("before", now - 30 * 86_400_000L))).mapEmpty();
  }

  private LinkToken linkToken(Row r) {
    String scopes = r.getString("scopes");
    List<String> list = scopes == null ? null : new JsonArray(scopes).stream().map(String::valueOf).toList();
    return new LinkToken(r.getString("id"), r.getString("environment_id"), r.getString("tenant_id"),
        r.getString("environment_integration_id"), r.getString("integrated_account_id"), r.getString("redirect_uri"),
        unseal(r.getString("context")), list, r.getString("region"), Rows.getLong(r, "expires_at"), Rows.getLong(r, "used_at"));
  }

  private String seal(JsonObject context) {
    return context == null || context.isEmpty() ? null : box.encrypt(context.encode());
  }

  private JsonObject unseal(String sealed) {
    return sealed == null ? new JsonObject() : Json.parseObject(box.decrypt(sealed));
  }
}
