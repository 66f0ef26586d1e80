package io.ferry.engine.account;

import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;

/** Integrated accounts in the store; credentials are sealed with the {@link SecretBox} on the way in. */
public final class AccountStore {

  private final Database db;
  private final SecretBox box;

  public AccountStore(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
  }

  public Database database() {
    return db;
  }

  public Future<Account> get(String environmentId, String id) {
    return get(db.pool(), environmentId, id);
  }

  Future<Account> get(SqlClient client, String environmentId, String id) {
    return db.run(client, SqlQueries.ACCOUNT_BY_ID, params("id", id, "environment_id", environmentId)).compose(rs ->
        Rows.first(rs, this::account).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("integrated account " + id + " not found"))));
  }

  /** Bulk import: the id of the account a line targets, by {@code external_id} when given, else tenant + install. */
  Future<String> importTarget(SqlClient client, String environmentId, String installId, String tenantId, String externalId) {
    Map<String, Object> p = params("environment_id", environmentId, "external_id", externalId, "tenant_id", tenantId,
        "environment_integration_id", installId);
    return db.run(client, externalId != null ? SqlQueries.ACCOUNT_BY_EXTERNAL_ID : SqlQueries.ACCOUNT_BY_TENANT_AND_INSTALL, p)
        .map(rs -> Rows.first(rs, r -> r.getString("id")).orElse(null));
  }

  Future<Void> setExternalId(SqlClient client, String environmentId, String id, String externalId) {
    return db.run(client, SqlQueries.SET_EXTERNAL_ID, params("id", id, "environment_id", environmentId,
        "external_id", externalId)).mapEmpty();
  }

  /** For routes that carry no API token (inbound webhooks): the account id itself is the scope. */
  public Future<Account> getInAnyEnvironment(String id) {
    return db.run(SqlQueries.ACCOUNT_BY_ID_ANY_ENV, params("id", id)).compose(rs ->
        Rows.first(rs, this::account).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("integrated account " + id + " not found"))));
  }

  /** Every account of an install (inbound webhooks routed by a context field). */
  public Future<List<Account>> ofInstall(String environmentIntegrationId) {
    return db.run(SqlQueries.ACCOUNTS_OF_INSTALL, params("environment_integration_id", environmentIntegrationId)).map(rs -> {
      List<Account> out = new ArrayList<>();
      rs.forEach(r -> out.add(account(r)));
      return out;
    });
  }

  /** The environment an install belongs to, for routes that carry no API token. */
  public Future<String> installEnvironment(String environmentIntegrationId) {
    return db.run(SqlQueries.EI_ANY_ENV, params("id", environmentIntegrationId)).compose(rs -> Rows.first(rs, r -> r.getString("environment_id"))
        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(FerryFailure.notFound("no such install"))));
  }

  /** One page of accounts after the cursor position; asks for one extra row to know whether more follow. */
  public Future<List<Account>> list(Map<String, Object> filters, int limit) {
    Map<String, Object> p = new java.util.HashMap<>(filters);
    p.put("limit", limit + 1);
    return db.run(SqlQueries.accounts(p), p).map(rs -> {
      List<Account> out = new ArrayList<>();
      rs.forEach(r -> out.add(account(r)));
      return out;
    });
  }

  public Future<Void> insert(SqlClient client, Account a) {
    Map<String, Object> p = writeParams(a);
    p.put("environment_integration_id", a.environmentIntegrationId());
    p.put("is_sandbox", a.isSandbox());
    p.put("region", a.region());
    p.put("now", a.createdAt());
    return db.run(client, SqlQueries.INSERT_ACCOUNT, p).mapEmpty();
  }

  public Future<Void> update(SqlClient client, Account a) {
    Map<String, Object> p = writeParams(a);
    p.put("now", a.updatedAt());
    return db.run(client, SqlQueries.UPDATE_ACCOUNT, p).compose(rs -> rs.rowCount() == 0
        ? Future.failedFuture(FerryFailure.notFound("integrated account " + a.id() + " not found")) : Future.succeededFuture());
  }

  public Future<Void> delete(SqlClient client, String environmentId, String id) {
    return db.run(client, SqlQueries.DELETE_ACCOUNT, params("id", id, "environment_id", environmentId)).compose(rs ->
        rs.rowCount() == 0 ? Future.failedFuture(FerryFailure.notFound("integrated account " + id + " not found"))
            : Future.succeededFuture());
  }

  private Map<String, Object> writeParams(Account a) {
    return params("id", a.id(), "environment_id", a.environmentId(), "tenant_id", a.tenantId(),
        "context", a.publicContext().encode(),
        "secrets", a.secrets().isEmpty() ? null : box.encrypt(a.secrets().encode()),
        "key_id", a.secrets().isEmpty() ? null : box.keyId(),
        "status", a.status(), "last_error", a.lastError(),
        "last_action_result", a.lastActionResult() == null ? null : a.lastActionResult().encode(),
        "authentication_method", a.authenticationMethod());
  }

  private Account account(Row r) {
    String sealed = r.getString("secrets");
    JsonObject secrets = sealed == null ? new JsonObject() : new JsonObject(box.decrypt(sealed));
    JsonObject integration = new JsonObject()
        .put("id", r.getString("ei_integration_id"))
        .put("name", r.getString("i_name"))
        .put("category", r.getString("i_category"))
        .put("is_beta", r.getBoolean("i_is_beta"))
        .put("config", Rows.json(r, "i_config"))
        .put("team_id", r.getString("i_team_id"))
        .put("sharing", r.getString("i_sharing"))
        .put("version", r.getInteger("i_version"))
        .put("created_at", Rows.iso(r, "i_created_at"))
        .put("updated_at", Rows.iso(r, "i_updated_at"));
    JsonObject install = new JsonObject()
        .put("id", r.getString("environment_integration_id"))
        .put("integration_id", r.getString("ei_integration_id"))
        .put("environment_id", r.getString("environment_id"))
        .put("show_in_catalog", r.getBoolean("ei_show_in_catalog"))
        .put("is_enabled", r.getBoolean("ei_is_enabled"))
        .put("override", Rows.json(r, "ei_override"))
        .put("created_at", Rows.iso(r, "ei_created_at"))
        .put("updated_at", Rows.iso(r, "ei_updated_at"));
    String result = r.getString("last_action_result");
    return new Account(r.getString("id"), r.getString("environment_id"), r.getString("environment_integration_id"),
        r.getString("tenant_id"), Rows.json(r, "context"), secrets, r.getString("status"), r.getString("last_error"),
        result == null ? null : Json.parseObject(result), r.getBoolean("is_sandbox"), r.getString("authentication_method"),
        r.getString("region"), Rows.getLong(r, "created_at"), Rows.getLong(r, "updated_at"), integration, install);
  }
}
