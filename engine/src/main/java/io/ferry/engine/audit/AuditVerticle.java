package io.ferry.engine.audit;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.GroupCommit;
import io.ferry.engine.store.Keyset;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;

/**
 * The audit log of writes made with the admin token: who (token id), what (object type, id, action), when. Never a
 * value: bodies are not recorded, so no secret can reach it. {@code record} comes from the HTTP edge after a write
 * succeeded; {@code list} serves {@code GET /audit-log} (admin token only) with filters and keyset paging.
 */
public final class AuditVerticle extends VerticleBase {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** Records per group commit at most. */
  static final int MAX_BATCH = 500;

  private final Database db;
  private final GroupCommit<Map<String, Object>, ApiResult> commits;

  public AuditVerticle(Database db) {
    this.db = db;
    this.commits = new GroupCommit<>(db, MAX_BATCH, 1, this::write);
  }

  @Override
  public Future<?> start() {
    return Bus.<ApiCall, ApiResult>serve(vertx, Addresses.AUDIT, this::handle).completion();
  }

  private Future<ApiResult> handle(ApiCall call) {
    return switch (call.action()) {
      case "record" -> record(call);
      case "list" -> call.principal().admin() ? list(call) : Future.failedFuture(
          new FerryFailure(ErrorCode.FORBIDDEN, "only the admin token may read the audit log"));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  /**
   * Group commit: concurrent admin writes (a client importing accounts 16 at a time) share the audit's commits
   * instead of adding one each beside their own; each caller is answered when its own record is committed.
   */
  private Future<ApiResult> record(ApiCall call) {
    JsonObject e = call.body();
    return commits.submit(AuditRecords.row(call.principal(), e.getString("action"), e.getString("object_type"),
        e.getString("object_id")));
  }

  private Future<List<ApiResult>> write(SqlConnection tx, List<Map<String, Object>> rows) {
    return AuditRecords.insertAll(db, tx, rows)
        .map(v -> rows.stream().map(r -> ApiResult.created(new JsonObject())).toList());
  }

  private Future<ApiResult> list(ApiCall call) {
    Map<String, String> q = call.query();
    int limit = Keyset.limit(q.get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    String[] cursor = Keyset.cursor(q.get("next_cursor"));
    Map<String, Object> p = params("team_id", call.principal().teamId(), "token_id", q.get("token_id"), "action", q.get("action"),
        "object_type", q.get("object_type"), "object_id", q.get("object_id"),
        "created_gt", Keyset.instant("created_at[gt]", q.get("created_at[gt]")), "created_lt", Keyset.instant("created_at[lt]", q.get("created_at[lt]")),
        "after_at", cursor == null ? null : Long.parseLong(cursor[0]), "after_id", cursor == null ? null : cursor[1], "limit", limit + 1);
    return db.run(SqlQueries.AUDIT_LOG, p).map(rs -> {
      List<Row> rows = new ArrayList<>();
      rs.forEach(rows::add);
      JsonArray result = new JsonArray();
      rows.stream().limit(limit).forEach(r -> result.add(new JsonObject().put("id", r.getString("id"))
          .put("token_id", r.getString("token_id")).put("environment_id", r.getString("environment_id"))
          .put("action", r.getString("action")).put("object_type", r.getString("object_type"))
          .put("object_id", r.getString("object_id")).put("created_at", Rows.iso(r, "created_at"))));
      String next = null;
      if (rows.size() > limit) {
        Row last = rows.get(limit - 1);
        next = Keyset.cursor(Rows.getLong(last, "created_at"), last.getString("id"));
      }
      return ApiResult.ok(new JsonObject().put("result", result).put("next_cursor", next).put("limit", limit));
    });
  }

}
