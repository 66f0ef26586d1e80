package io.ferry.engine.webhook;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ferry.engine.store.Rows.params;

/** The customer's webhooks (signing secret encrypted at rest), their outbox rows and the delivery log. */
public final class WebhookStore {

  /** An outbox row claimed for delivery, with what is needed to send it. */
  public record Claimed(String claim, String id, String webhookId, String eventId, String event, String body, int attempts,
                        String targetUrl, String secret, boolean active, Long failingSince) {
  }

  private final Database db;
  private final SecretBox box;

  public WebhookStore(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
  }

  /** Creates a webhook; the answer carries the signing secret, the only time it is shown. */
  public Future<JsonObject> create(String environmentId, JsonObject body) {
    String id = Rows.newId();
    String secret = UUID.randomUUID().toString();
    return db.run(SqlQueries.INSERT_WEBHOOK, params("id", id, "environment_id", environmentId,
            "target_url", body.getString("target_url"), "is_active", body.getBoolean("is_active", true),
            "event_types", eventTypes(body), "secret", box.encrypt(secret), "now", System.currentTimeMillis()))
        .compose(v -> get(environmentId, id)).map(w -> w.put("secret", secret));
  }

  public Future<JsonObject> get(String environmentId, String id) {
    return row(environmentId, id).map(WebhookStore::json);
  }

  private Future<Row> row(String environmentId, String id) {
    return db.run(SqlQueries.WEBHOOK_BY_ID, params("id", id, "environment_id", environmentId))
        .compose(rs -> Rows.first(rs, r -> r).map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("webhook " + id + " not found"))));
  }

  /** The webhook's signing secret, for a test delivery. */
  public Future<String> secret(String environmentId, String id) {
    return row(environmentId, id).map(r -> box.decrypt(r.getString("secret")));
  }

  public Future<JsonArray> list(String environmentId, Boolean active) {
    return db.run(SqlQueries.WEBHOOKS, params("environment_id", environmentId, "is_active", active)).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  public Future<JsonObject> update(String environmentId, String id, JsonObject body) {
    return row(environmentId, id).compose(r -> {
      boolean reactivated = Boolean.TRUE.equals(body.getBoolean("is_active")) && !r.getBoolean("is_active");
      return db.run(SqlQueries.UPDATE_WEBHOOK, params("id", id, "environment_id", environmentId,
          "target_url", body.getString("target_url", r.getString("target_url")),
          "is_active", body.getBoolean("is_active", r.getBoolean("is_active")),
          "event_types", body.containsKey("event_types") ? eventTypes(body) : r.getString("event_types"),
          "failing_since", reactivated ? null : Rows.getLong(r, "failing_since"), "now", System.currentTimeMillis()));
    }).compose(v -> get(environmentId, id));
  }

  public Future<JsonObject> delete(String environmentId, String id) {
    return db.run(SqlQueries.DELETE_WEBHOOK, params("id", id, "environment_id", environmentId)).compose(rs -> rs.rowCount() == 0
        ? Future.failedFuture(FerryFailure.notFound("webhook " + id + " not found"))
        : Future.succeededFuture(new JsonObject().put("id", id)));
  }

  public Future<JsonArray> deliveries(String environmentId, String id, int limit) {
    return row(environmentId, id).compose(r -> db.run(SqlQueries.DELIVERIES, params("webhook_id", id, "limit", limit))).map(rs -> {
      JsonArray out = new JsonArray();
      for (Row r : rs) {
        out.add(new JsonObject().put("id", r.getString("id")).put("event_id", r.getString("event_id"))
            .put("event", r.getString("event")).put("attempt", r.getInteger("attempt"))
            .put("status_code", r.getInteger("status_code")).put("error", r.getString("error"))
            .put("duration_ms", Rows.getLong(r, "duration_ms")).put("created_at", Rows.iso(r, "created_at")));
      }
      return out;
    });
  }

  // --- outbox ---

  /** Claims up to {@code limit} due rows; on PostgreSQL rows another node is claiming are skipped, not waited for. */
  public Future<List<Claimed>> claim(String claim, long now, long leaseMillis, int limit) {
    String sql = db.vendor() == Database.Vendor.POSTGRES ? SqlQueries.CLAIM_OUTBOX_PG : SqlQueries.CLAIM_OUTBOX;
    return db.run(sql, params("claim", claim, "until", now + leaseMillis, "now", now, "limit", limit))
        .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture(List.<Claimed>of()) : claimed(claim));
  }

  private Future<List<Claimed>> claimed(String claim) {
    return db.run(SqlQueries.CLAIMED, params("claim", claim)).map(rs -> {
      List<Claimed> out = new ArrayList<>();
      for (Row r : rs) {
        out.add(new Claimed(claim, r.getString("id"), r.getString("webhook_id"), r.getString("event_id"), r.getString("event"),
            r.getString("body"), r.getInteger("attempts"), r.getString("target_url"), box.decrypt(r.getString("secret")),
            r.getBoolean("is_active"), Rows.getLong(r, "failing_since")));
      }
      return out;
    });
  }

  /** Marks a row delivered while the claim is still ours; answers false (and records nothing) when it was lost. */
  public Future<Boolean> delivered(Claimed c, int status, long durationMs) {
    long now = System.currentTimeMillis();
    return db.inTransaction(tx -> db.run(tx, SqlQueries.OUTBOX_DELIVERED_CLAIMED, params("id", c.id(), "claim", c.claim(), "now", now))
        .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture(false)
            : log(tx, c, status, null, durationMs, now)
                .compose(v -> db.run(tx, SqlQueries.WEBHOOK_HEALTHY, params("id", c.webhookId()))).map(true)));
  }

  /** A failed attempt: retry at {@code next}, or give up ({@code dead}); the target is marked failing. False: claim lost. */
  public Future<Boolean> failed(Claimed c, Integer status, String error, long durationMs, Long next) {
    long now = System.currentTimeMillis();
    return db.inTransaction(tx -> db.run(tx, SqlQueries.OUTBOX_RETRY_CLAIMED, params("id", c.id(), "claim", c.claim(),
            "status", next == null ? "dead" : "pending", "next", next == null ? now : next, "error", error))
        .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture(false)
            : log(tx, c, status, error, durationMs, now)
                .compose(v -> db.run(tx, SqlQueries.WEBHOOK_FAILING, params("id", c.webhookId(), "now", now))).map(true)));
  }

  /** Embedded store only (one process per data dir): claims left by a killed process are free at once. */
  public Future<Void> releaseOrphanedClaims() {
    return db.vendor() == Database.Vendor.H2 ? db.run(SqlQueries.RELEASE_ALL_CLAIMS, params()).mapEmpty() : Future.succeededFuture();
  }

  /** Deletes delivered rows older than the retention; failed ones stay until retried. */
  public Future<Integer> expireDelivered(long before) {
    return db.run(SqlQueries.OUTBOX_RETENTION, params("before", before)).map(rs -> rs.rowCount());
  }

  /** Queues again the webhook's events created in [from, to); rows being sent right now are left alone. */
  public Future<Integer> redeliver(String environmentId, String webhookId, long from, long to) {
    return row(environmentId, webhookId).compose(r -> db.run(SqlQueries.OUTBOX_REDELIVER, params("webhook_id", webhookId,
        "from", from, "to", to, "now", System.currentTimeMillis()))).map(rs -> rs.rowCount());
  }

  /** Queues again the outbox row of one logged delivery attempt; answers the outbox row id. */
  public Future<String> retryDelivery(String environmentId, String deliveryId) {
    return db.run(SqlQueries.DELIVERY_BY_ID, params("id", deliveryId, "environment_id", environmentId)).compose(rs -> {
      String outboxId = rs.size() == 0 ? null : rs.iterator().next().getString("outbox_id");
      if (outboxId == null) {
        return Future.failedFuture(FerryFailure.notFound("webhook delivery " + deliveryId + " not found"));
      }
      return db.run(SqlQueries.OUTBOX_RETRY_ONE, params("id", outboxId, "now", System.currentTimeMillis())).compose(u -> u.rowCount() == 0
          ? Future.failedFuture(FerryFailure.conflict("webhook delivery " + deliveryId + " is being sent right now or its event has expired"))
          : Future.succeededFuture(outboxId));
    });
  }

  public Future<Void> deactivate(String webhookId, String reason) {
    long now = System.currentTimeMillis();
    return db.inTransaction(tx -> db.run(tx, SqlQueries.WEBHOOK_DEACTIVATE, params("id", webhookId, "now", now))
        .compose(v -> db.run(tx, SqlQueries.INSERT_DELIVERY, params("id", Rows.newId(), "webhook_id", webhookId, "outbox_id", null,
            "event_id", null, "event", "webhook:deactivated", "attempt", 0, "status_code", null, "error", reason,
            "duration_ms", 0L, "now", now)))).mapEmpty();
  }

  /** Hands back every undelivered row claimed with {@code claimPrefix} (one delivery verticle's claims). */
  public Future<Void> release(String claimPrefix) {
    return db.run(SqlQueries.RELEASE_CLAIMS, params("prefix", claimPrefix + "%")).mapEmpty();
  }

  public Future<Long> depth() {
    return db.run(SqlQueries.OUTBOX_DEPTH, params()).map(rs -> ((Number) rs.iterator().next().getValue(0)).longValue());
  }

  private Future<Void> log(io.vertx.sqlclient.SqlClient tx, Claimed c, Integer status, String error, long durationMs, long now) {
    return db.run(tx, SqlQueries.INSERT_DELIVERY, params("id", Rows.newId(), "webhook_id", c.webhookId(), "outbox_id", c.id(),
        "event_id", c.eventId(), "event", c.event(), "attempt", c.attempts() + 1, "status_code", status, "error", error,
        "duration_ms", durationMs, "now", now)).mapEmpty();
  }

  private static String eventTypes(JsonObject body) {
    return body.getValue("event_types") instanceof JsonArray a ? a.encode() : null;
  }

  private static JsonObject json(Row r) {
    String types = r.getString("event_types");
    return new JsonObject().put("id", r.getString("id")).put("target_url", r.getString("target_url"))
        .put("is_active", r.getBoolean("is_active")).put("event_types", types == null ? null : new JsonArray(types))
        .put("environment_id", r.getString("environment_id")).put("created_at", Rows.iso(r, "created_at"))
        .put("updated_at", Rows.iso(r, "updated_at")).put("failing_since", Json.isoOrNull(Rows.getLong(r, "failing_since")));
  }
}
