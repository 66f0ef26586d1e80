package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
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
  private final AccountParts parts;

  public AccountStore(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
    this.parts = new AccountParts(new io.ferry.engine.integration.ConfigSecrets(box));
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

  /** Bulk import: external id → account id, for those of {@code externalIds} that exist. */
  Future<Map<String, String>> idsByExternalId(SqlClient client, String environmentId, List<String> externalIds) {
    if (externalIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, Object> p = inParams(externalIds);
    p.put("environment_id", environmentId);
    String sql = db.postgres() ? SqlQueries.ACCOUNTS_BY_EXTERNAL_IDS_PG : SqlQueries.accountsByExternalIds(externalIds.size());
    return db.run(client, sql, p).map(rs -> {
      Map<String, String> out = new java.util.HashMap<>();
      rs.forEach(r -> out.put(r.getString("external_id"), r.getString("id")));
      return out;
    });
  }

  /** Bulk import: tenant → id of the tenant's oldest account on the install, for those of {@code tenants} that have one. */
  Future<Map<String, String>> oldestByTenant(SqlClient client, String environmentId, String installId, List<String> tenants) {
    if (tenants.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, Object> p = inParams(tenants);
    p.put("environment_id", environmentId);
    p.put("environment_integration_id", installId);
    String sql = db.postgres() ? SqlQueries.ACCOUNTS_BY_TENANTS_PG : SqlQueries.accountsByTenants(tenants.size());
    return db.run(client, sql, p).map(rs -> {
      // the oldest per tenant (created_at, then id), as a single import's lookup orders them
      Map<String, Row> oldest = new java.util.HashMap<>();
      rs.forEach(r -> oldest.merge(r.getString("tenant_id"), r, (a, b) -> {
        int byTime = Long.compare(Rows.getLong(a, "created_at"), Rows.getLong(b, "created_at"));
        return byTime < 0 || byTime == 0 && a.getString("id").compareTo(b.getString("id")) < 0 ? a : b;
      }));
      Map<String, String> out = new java.util.HashMap<>();
      oldest.forEach((tenant, r) -> out.put(tenant, r.getString("id")));
      return out;
    });
  }

  /** Bulk import: the accounts of these ids in one read, by id. */
  Future<Map<String, Account>> getAll(SqlClient client, String environmentId, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, Object> p = inParams(ids);
    p.put("environment_id", environmentId);
    return db.run(client, db.postgres() ? SqlQueries.ACCOUNTS_BY_IDS_PG : SqlQueries.accountsByIds(ids.size()), p).map(rs -> {
      Map<String, Account> out = new java.util.HashMap<>();
      rs.forEach(r -> out.put(r.getString("id"), account(r)));
      return out;
    });
  }

  /** Bulk import: new accounts (each with its external id, or null) in one batched statement. */
  Future<Void> insertAll(SqlClient tx, List<Account> accounts, List<String> externalIds) {
    List<Map<String, Object>> batch = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      Map<String, Object> p = insertParams(accounts.get(i));
      p.put("external_id", externalIds.get(i));
      batch.add(p);
    }
    if (db.postgres() && !batch.isEmpty()) {
      return db.run(tx, SqlQueries.INSERT_ACCOUNTS_PG, columns(batch)).mapEmpty();
    }
    return db.runBatch(tx, SqlQueries.INSERT_ACCOUNT_EXTERNAL, batch);
  }

  /** Rows of parameters as one array per parameter ({@code String[]}, {@code Boolean[]}, {@code Long[]}: PostgreSQL arrays). */
  private static Map<String, Object> columns(List<Map<String, Object>> rows) {
    Map<String, Object> out = new java.util.HashMap<>();
    for (String name : rows.get(0).keySet()) {
      Object sample = rows.stream().map(r -> r.get(name)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      Object[] column = sample instanceof Boolean ? new Boolean[rows.size()] : sample instanceof Long ? new Long[rows.size()]
          : new String[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        column[i] = rows.get(i).get(name);
      }
      out.put(name, column);
    }
    return out;
  }

  /**
   * Bulk import: versioned writes of {@code accounts} in one batched statement; answers, per account, whether it was
   * written (false: another writer changed it since it was read).
   */
  Future<List<Boolean>> updateAll(SqlClient tx, List<Account> accounts) {
    if (accounts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Map<String, Object>> batch = new ArrayList<>(accounts.size());
    for (Account a : accounts) {
      Map<String, Object> p = writeParams(a);
      p.put("now", a.updatedAt());
      p.put("version", a.version());
      batch.add(p);
    }
    return db.runBatchCounts(tx, SqlQueries.UPDATE_ACCOUNT_VERSIONED, batch)
        .map(counts -> counts.stream().map(c -> c > 0).toList());
  }

  /** The keys of a batch read: one array on PostgreSQL, {@code k0..k(n-1)} on H2 (see {@link SqlQueries}). */
  private Map<String, Object> inParams(List<String> values) {
    Map<String, Object> p = new java.util.HashMap<>();
    if (db.postgres()) {
      p.put("keys", values.toArray(new String[0]));
      return p;
    }
    for (int i = 0; i < values.size(); i++) {
      p.put("k" + i, values.get(i));
    }
    return p;
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
    if (p.get("integration_name") != null && p.get("environment_integration_id") == null) {
      // an integration has one install per environment: its name becomes that install, which an index serves
      return db.run(SqlQueries.INSTALLS_BY_INTEGRATION_NAME, params("environment_id", p.get("environment_id"),
          "integration_name", p.get("integration_name"))).compose(rs -> {
            if (rs.size() == 0) {
              return Future.succeededFuture(List.of());
            }
            if (rs.size() == 1) {
              p.remove("integration_name");
              p.put("environment_integration_id", rs.iterator().next().getString("id"));
            }
            return page(p);
          });
    }
    return page(p);
  }

  /**
   * A page read without the integration's config, whose opened form is looked up in memory; when one of its
   * integrations' versions is not there yet (once per version per node), the page is read again with it.
   */
  private Future<List<Account>> page(Map<String, Object> p) {
    return db.run(SqlQueries.accounts(p, false), p).compose(rs -> {
      List<Account> out = new ArrayList<>(rs.size());
      for (Row r : rs) {
        JsonObject integration = parts.openedIntegration(r);
        if (integration == null) {
          return db.run(SqlQueries.accounts(p, true), p).map(full -> {
            List<Account> all = new ArrayList<>(full.size());
            full.forEach(row -> all.add(account(row)));
            return all;
          });
        }
        out.add(account(r, integration));
      }
      return Future.succeededFuture(out);
    });
  }

  public Future<Void> insert(SqlClient client, Account a) {
    return db.run(client, SqlQueries.INSERT_ACCOUNT, insertParams(a)).mapEmpty();
  }

  private Map<String, Object> insertParams(Account a) {
    Map<String, Object> p = writeParams(a);
    p.put("environment_integration_id", a.environmentIntegrationId());
    p.put("is_sandbox", a.isSandbox());
    p.put("region", a.region());
    p.put("now", a.createdAt());
    return p;
  }

  /**
   * Writes {@code a} over the row's version {@code a.version()} (which becomes {@code a.version() + 1}); fails with
   * {@link StaleVersion} when another write got there first, or not-found when the row is gone.
   */
  public Future<Void> update(SqlClient client, Account a) {
    Map<String, Object> p = writeParams(a);
    p.put("now", a.updatedAt());
    p.put("version", a.version());
    return db.run(client, SqlQueries.UPDATE_ACCOUNT_VERSIONED, p).compose(rs -> rs.rowCount() > 0 ? Future.succeededFuture()
        : db.run(client, SqlQueries.ACCOUNT_BY_ID_ANY_ENV, params("id", a.id())).compose(found -> found.size() > 0
            ? Future.failedFuture(new StaleVersion(a.id()))
            : Future.failedFuture(FerryFailure.notFound("integrated account " + a.id() + " not found"))));
  }

  /** PostgreSQL: the account row, locked until {@code tx} ends. */
  public Future<Account> getForUpdate(SqlClient tx, String id) {
    return db.run(tx, SqlQueries.ACCOUNT_FOR_UPDATE, params("id", id)).compose(rs ->
        Rows.first(rs, this::account).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("integrated account " + id + " not found"))));
  }

  /** Another writer committed a newer version of the account first. */
  public static final class StaleVersion extends FerryFailure {
    public StaleVersion(String id) {
      super(io.ferry.engine.core.ErrorCode.CONFLICT, "integrated account " + id + " was changed concurrently; retry");
    }
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
    return account(r, parts.integration(r));
  }

  private Account account(Row r, JsonObject integration) {
    String sealed = r.getString("secrets");
    JsonObject secrets = sealed == null ? new JsonObject() : new JsonObject(box.decrypt(sealed));
    JsonObject install = parts.install(r);
    String result = r.getString("last_action_result");
    return new Account(r.getString("id"), r.getString("environment_id"), r.getString("environment_integration_id"),
        r.getString("tenant_id"), Rows.json(r, "context"), secrets, r.getString("status"), r.getString("last_error"),
        result == null ? null : Json.parseObject(result), r.getBoolean("is_sandbox"), r.getString("authentication_method"),
        r.getString("region"), Rows.getLong(r, "created_at"), Rows.getLong(r, "updated_at"), integration, install,
        java.util.Objects.requireNonNullElse(Rows.getLong(r, "version"), 0L));
  }
}
