package io.ferry.engine.audit;

import io.ferry.engine.core.Principal;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;

/**
 * Audit records as rows: built once for the audit verticle and for a write that records its own audit entry in its
 * own transaction (a single account import: one commit instead of two, and the record exists exactly when the change
 * does). Never a value, only who did what to which object when.
 */
public final class AuditRecords {

  private AuditRecords() {
  }

  /** The row of one record made now by {@code principal}; fields clipped to their columns. */
  public static Map<String, Object> row(Principal principal, String action, String objectType, String objectId) {
    return params("id", Rows.newId(), "team_id", principal.teamId(), "token_id", principal.tokenId(),
        "environment_id", principal.environmentId(), "action", clip(action, 40), "object_type", clip(objectType, 40),
        "object_id", clip(objectId, 36), "now", System.currentTimeMillis());
  }

  /** Writes {@code rows} on the caller's transaction (nothing when there are none). */
  public static Future<Void> insertAll(Database db, SqlClient tx, List<Map<String, Object>> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : db.runBatch(tx, SqlQueries.INSERT_AUDIT, rows);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
