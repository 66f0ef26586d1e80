package io.ferry.engine.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Versioned schema migrations, one SQL text for both stores, applied in order and recorded once each. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static Future<Integer> migrate(Database db) {
    return db.pool().query(SqlQueries.CREATE_VERSION_TABLE).execute()
        .compose(v -> db.pool().query(SqlQueries.CURRENT_VERSION).execute())
        .compose(rs -> {
          Row row = rs.iterator().next();
          int current = row.getValue(0) == null ? 0 : ((Number) row.getValue(0)).intValue();
          return applyFrom(db, current);
        });
  }

  private static Future<Integer> applyFrom(Database db, int current) {
    List<List<String>> all = SqlQueries.MIGRATIONS;
    if (current >= all.size()) {
      return Future.succeededFuture(current);
    }
    int version = current + 1;
    List<String> statements = all.get(current);
    return db.inTransaction(conn -> {
      Future<?> chain = Future.succeededFuture();
      for (String sql : statements) {
        chain = chain.compose(v -> conn.query(sql).execute());
      }
      return chain.compose(v -> conn.query("INSERT INTO ferry_schema_version (version, applied_at) VALUES ("
          + version + ", " + System.currentTimeMillis() + ")").execute());
    }).compose(v -> {
      LOG.info("Applied schema migration {} on {}", version, db.vendor());
      return applyFrom(db, version);
    });
  }
}
