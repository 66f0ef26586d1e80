package io.ferry.engine.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.List;

/**
 * Where changes queue their events for the customer's webhooks: on the connection of the transaction that makes the
 * change, so an event exists exactly when its change committed. The account package owns this interface and the
 * webhook outbox implements it, so accounts never depend on webhooks.
 */
public interface ChangeEvents {

  /** An event to queue: for the environment's subscribed webhooks. */
  record Event(String environmentId, String event, JsonObject payload) {
  }

  /** Answers how many deliveries were queued. */
  Future<Integer> enqueue(SqlClient tx, String environmentId, String event, JsonObject payload);

  /** Many events on {@code tx}, with one subscription read per environment and one batched insert. */
  Future<Integer> enqueueAll(SqlClient tx, List<Event> events);
}
