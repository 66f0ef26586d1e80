package io.ferry.engine.mcp;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.ferry.engine.store.Rows.params;

/** MCP servers in the store; a server's token is kept only as its SHA-256 hash. */
public final class McpServerStore {

  private final Database db;

  public McpServerStore(Database db) {
    this.db = db;
  }

  public Future<Void> insert(McpServer s, String tokenHash) {
    return db.run(SqlQueries.INSERT_MCP_SERVER, params("id", s.id(), "environment_id", s.environmentId(),
        "integrated_account_id", s.accountId(), "name", s.name(), "token_hash", tokenHash,
        "config", s.filter().toJson().encode(), "expires_at", s.expiresAt(), "now", s.createdAt())).mapEmpty();
  }

  public Future<List<McpServer>> ofAccount(String environmentId, String accountId) {
    return db.run(SqlQueries.MCP_SERVERS_OF_ACCOUNT, params("integrated_account_id", accountId,
        "environment_id", environmentId)).map(rs -> {
          List<McpServer> out = new ArrayList<>();
          rs.forEach(r -> out.add(server(r)));
          return out;
        });
  }

  public Future<McpServer> get(String environmentId, String accountId, String id) {
    return db.run(SqlQueries.MCP_SERVER_BY_ID, params("id", id, "integrated_account_id", accountId,
        "environment_id", environmentId)).compose(rs -> Rows.first(rs, McpServerStore::server).map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("MCP server " + id + " not found"))));
  }

  public Future<Optional<McpServer>> byTokenHash(String hash) {
    return db.run(SqlQueries.MCP_SERVER_BY_TOKEN_HASH, params("token_hash", hash)).map(rs -> Rows.first(rs, McpServerStore::server));
  }

  public Future<Void> update(McpServer s) {
    return db.run(SqlQueries.UPDATE_MCP_SERVER, params("id", s.id(), "integrated_account_id", s.accountId(),
        "environment_id", s.environmentId(), "name", s.name(), "config", s.filter().toJson().encode(),
        "expires_at", s.expiresAt(), "now", s.updatedAt())).mapEmpty();
  }

  /** True when a row was deleted. */
  public Future<Boolean> delete(String environmentId, String accountId, String id) {
    return db.run(SqlQueries.DELETE_MCP_SERVER, params("id", id, "integrated_account_id", accountId,
        "environment_id", environmentId)).map(rs -> rs.rowCount() > 0);
  }

  public Future<Integer> deleteExpired(long now) {
    return db.run(SqlQueries.DELETE_EXPIRED_MCP_SERVERS, params("now", now)).map(rs -> rs.rowCount());
  }

  private static McpServer server(Row r) {
    return new McpServer(r.getString("id"), r.getString("environment_id"), r.getString("integrated_account_id"),
        r.getString("name"), ToolFilter.fromJson(Rows.json(r, "config")), Rows.getLong(r, "expires_at"),
        Rows.getLong(r, "created_at"), Rows.getLong(r, "updated_at"));
  }
}
