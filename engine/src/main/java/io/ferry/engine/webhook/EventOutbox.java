package io.ferry.engine.webhook;

import io.ferry.engine.account.ChangeEvents;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;

import static io.ferry.engine.store.Rows.params;

/**
 * Writes events for the customer's webhooks into the outbox, on the connection of the transaction that accepts the
 * change, so an event exists exactly when its change was committed. One row per subscribed webhook; the delivery
 * verticle sends them.
 */
public final class EventOutbox implements ChangeEvents {

  private final Database db;

  public EventOutbox(Database db) {
    this.db = db;
  }

  @Override
  public Future<Integer> enqueue(SqlClient tx, String environmentId, String event, JsonObject payload) {
    return db.run(tx, SqlQueries.ACTIVE_WEBHOOKS, params("environment_id", environmentId)).compose(rs -> {
      String eventId = Rows.newId();
      long now = System.currentTimeMillis();
      List<Future<?>> inserts = new ArrayList<>();
      for (Row w : rs) {
        if (!subscribed(w.getString("event_types"), event)) {
          continue;
        }
        String webhookId = w.getString("id");
        JsonObject body = new JsonObject().put("id", eventId).put("event", event).put("event_type", event)
            .put("payload", payload).put("environment_id", environmentId).put("webhook_id", webhookId)
            .put("created_at", Json.iso(now));
        inserts.add(db.run(tx, SqlQueries.INSERT_OUTBOX, params("id", Rows.newId(), "webhook_id", webhookId,
            "event_id", eventId, "event", event, "body", body.encode(), "now", now)));
      }
      // sequential on one connection anyway; join keeps the first failure
      return Future.all(inserts).map(inserts.size());
    });
  }

  /**
   * Queues many events on {@code tx} with one subscription read per environment and one batched insert: the group
   * commit of inbound webhooks.
   */
  @Override
  public Future<Integer> enqueueAll(SqlClient tx, List<Event> events) {
    java.util.Map<String, Future<List<Row>>> hooks = new java.util.HashMap<>();
    for (Event e : events) {
      hooks.computeIfAbsent(e.environmentId(), env -> db.run(tx, SqlQueries.ACTIVE_WEBHOOKS, params("environment_id", env))
          .map(rs -> { List<Row> l = new ArrayList<>(); rs.forEach(l::add); return l; }));
    }
    return Future.all(new ArrayList<>(hooks.values())).compose(v -> {
      long now = System.currentTimeMillis();
      List<java.util.Map<String, Object>> rows = new ArrayList<>();
      for (Event e : events) {
        String eventId = Rows.newId();
        for (Row w : hooks.get(e.environmentId()).result()) {
          if (subscribed(w.getString("event_types"), e.event())) {
            String webhookId = w.getString("id");
            JsonObject body = new JsonObject().put("id", eventId).put("event", e.event()).put("event_type", e.event())
                .put("payload", e.payload()).put("environment_id", e.environmentId()).put("webhook_id", webhookId)
                .put("created_at", Json.iso(now));
            rows.add(params("id", Rows.newId(), "webhook_id", webhookId, "event_id", eventId, "event", e.event(),
                "body", body.encode(), "now", now));
          }
        }
      }
      return db.runBatch(tx, SqlQueries.INSERT_OUTBOX, rows).map(rows.size());
    });
  }

  /** No filter means every event; entries match exactly or by a trailing {@code *} ({@code record:*}). */
  static boolean subscribed(String eventTypes, String event) {
    if (eventTypes == null || eventTypes.isBlank()) {
      return true;
    }
    JsonArray types = new JsonArray(eventTypes);
    if (types.isEmpty()) {
      return true;
    }
    for (Object t : types) {
      String type = String.valueOf(t);
      if (type.equals(event) || type.equals("all") || type.endsWith("*") && event.startsWith(type.substring(0, type.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
