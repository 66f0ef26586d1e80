package io.ferry.engine.cluster;

import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;

import static io.ferry.engine.store.Rows.params;

/** The cluster's rows: one heartbeat row per node, and the rate-limit pauses every node must honour. */
final class ClusterStore {

  /** A pause as stored: the account may not call upstream before {@code until} (epoch ms). */
  record Pause(String accountId, long until, String reason) {
  }

  private final Database db;
  private final ClusterNotices notices;

  ClusterStore(Database db, ClusterNotices notices) {
    this.db = db;
    this.notices = notices;
  }

  Future<Void> join(String host, String version, long startedAt) {
    return db.run(SqlQueries.NODE_INSERT, params("node_id", notices.nodeId(), "host", host, "version", version,
        "started_at", startedAt, "now", System.currentTimeMillis())).mapEmpty();
  }

  /** Records a beat; a row pruned meanwhile (this node stalled for an hour) is written again. */
  Future<Void> beat(String host, String version, long startedAt) {
    return db.run(SqlQueries.NODE_BEAT, params("node_id", notices.nodeId(), "now", System.currentTimeMillis()))
        .compose(rs -> rs.rowCount() > 0 ? Future.succeededFuture() : join(host, version, startedAt));
  }

  Future<Void> leave() {
    return db.run(SqlQueries.NODE_LEAVE, params("node_id", notices.nodeId())).mapEmpty();
  }

  Future<Void> prune(long nodesBefore, long pausesBefore) {
    return db.run(SqlQueries.NODES_PRUNE, params("before", nodesBefore))
        .compose(v -> db.run(SqlQueries.PAUSES_PRUNE, params("before", pausesBefore))).mapEmpty();
  }

  Future<JsonArray> liveNodes(long since) {
    return db.run(SqlQueries.NODES_LIVE, params("since", since)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("node_id", r.getString("node_id")).put("host", r.getString("host"))
            .put("version", r.getString("version")).put("started_at", Rows.iso(r, "started_at"))
            .put("last_beat_at", Rows.iso(r, "last_beat_at")).put("this_node", notices.nodeId().equals(r.getString("node_id"))));
      }
      return out;
    });
  }

  /** Writes the pause and tells the other nodes in one transaction (PostgreSQL: pauses are shared only there). */
  Future<Void> pause(Notice n) {
    long until = n.data().getLong("until", 0L);
    return db.inTransaction(tx -> db.run(tx, SqlQueries.PAUSE_UPSERT, params("account_id", n.id(), "until", until,
            "reason", truncate(n.data().getString("reason")), "node_id", notices.nodeId(), "now", System.currentTimeMillis()))
        .compose(v -> notices.inTransaction(tx, n)));
  }

  Future<List<Pause>> activePauses() {
    return db.run(SqlQueries.PAUSES_ACTIVE, params("now", System.currentTimeMillis())).map(rows -> {
      List<Pause> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Pause(r.getString("account_id"), Rows.getLong(r, "until_at"), r.getString("reason")));
      }
      return out;
    });
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
  }
}
