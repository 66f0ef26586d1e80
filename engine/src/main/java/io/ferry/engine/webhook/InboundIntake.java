package io.ferry.engine.webhook;

import io.ferry.engine.account.ChangeEvents;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.GroupCommit;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ferry.engine.store.Rows.params;

/**
 * Commits accepted inbound webhooks: a delivery's id (unique in {@code webhook_inbound_seen}, with an expiry) and its
 * events are written in one transaction, so an event is stored exactly when its id is, on every node. Concurrent
 * deliveries share a transaction ({@link GroupCommit}); each caller is answered only after the commit that holds its
 * events.
 *
 * <p>Runs on one event loop (the verifier verticle's). The same id arriving twice on this node waits for the first
 * commit; across nodes PostgreSQL's unique key decides ({@code ON CONFLICT}), and each group takes its keys in sorted
 * order so two groups can never deadlock on each other.
 */
final class InboundIntake {

  /** One accepted delivery; it is answered true when stored, false when the id was already stored. */
  private record Item(String accountId, String deliveryId, long ttlMillis, List<ChangeEvents.Event> events) {
    String key() {
      return deliveryId == null ? null : accountId + "|" + deliveryId;
    }
  }

  private final Database db;
  private final EventOutbox outbox;
  private final GroupCommit<Item, Boolean> commits;
  private final Map<String, Future<Boolean>> pendingKeys = new HashMap<>();

  /** {@code maxGroup} 1 is one transaction per delivery (the pre-group-commit behaviour, kept for the benchmark). */
  InboundIntake(Database db, EventOutbox outbox, int maxGroup, int maxCommits) {
    this.db = db;
    this.outbox = outbox;
    this.commits = new GroupCommit<>(db, maxGroup, maxCommits, this::write);
  }

  Future<Boolean> submit(String accountId, String deliveryId, long ttlMillis, List<ChangeEvents.Event> events) {
    Item item = new Item(accountId, deliveryId, ttlMillis, events);
    String key = item.key();
    Future<Boolean> earlier = key == null ? null : pendingKeys.get(key);
    if (earlier != null) {
      // the same delivery is being committed right now: it is a redelivery unless that commit fails
      return earlier.transform(ar -> ar.succeeded() ? Future.succeededFuture(false) : submit(accountId, deliveryId, ttlMillis, events));
    }
    Future<Boolean> done = commits.submit(item);
    if (key != null) {
      pendingKeys.put(key, done);
      done.onComplete(ar -> pendingKeys.remove(key, done));
    }
    return done;
  }

  /** Answers, per item, whether its events were stored (false: a redelivery). */
  private Future<List<Boolean>> write(SqlConnection tx, List<Item> group) {
    List<Item> sorted = new ArrayList<>(group);
    sorted.sort(Comparator.comparing(Item::key, Comparator.nullsLast(Comparator.naturalOrder())));
    return fresh(tx, sorted).compose(fresh -> {
      List<ChangeEvents.Event> events = new ArrayList<>();
      sorted.stream().filter(fresh::contains).forEach(i -> events.addAll(i.events()));
      return outbox.enqueueAll(tx, events).map(n -> group.stream().map(fresh::contains).toList());
    });
  }

  private Future<Set<Item>> fresh(SqlConnection tx, List<Item> sorted) {
    long now = System.currentTimeMillis();
    // by identity: an item is this delivery, and hashing a record would hash its events' payloads at every lookup
    Set<Item> fresh = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    if (db.vendor() == Database.Vendor.POSTGRES) {
      // pipelined on the one connection, in key order
      List<Future<?>> inserts = new ArrayList<>();
      for (Item i : sorted) {
        if (i.key() == null) {
          fresh.add(i);
        } else {
          inserts.add(db.run(tx, SqlQueries.SEEN_INSERT_PG, params("account_id", i.accountId(), "delivery_id", i.deliveryId(),
              "expires_at", now + i.ttlMillis(), "now", now)).andThen(ar -> {
                if (ar.succeeded() && ar.result().rowCount() > 0) {
                  fresh.add(i);
                }
              }));
        }
      }
      return Future.all(inserts).map(fresh);
    }
    // the embedded store has one process, and this node already serialises equal keys (pendingKeys)
    Future<Void> chain = Future.succeededFuture();
    for (Item i : sorted) {
      if (i.key() == null) {
        fresh.add(i);
        continue;
      }
      Map<String, Object> p = params("account_id", i.accountId(), "delivery_id", i.deliveryId(), "expires_at", now + i.ttlMillis());
      chain = chain.compose(v -> db.run(tx, SqlQueries.SEEN_GET, p)).compose(rs -> {
        if (rs.size() == 0) {
          fresh.add(i);
          return db.run(tx, SqlQueries.SEEN_INSERT, p).mapEmpty();
        }
        if (rs.iterator().next().getLong(0) < now) {
          fresh.add(i);
          return db.run(tx, SqlQueries.SEEN_RENEW, p).mapEmpty();
        }
        return Future.succeededFuture();
      });
    }
    return chain.map(fresh);
  }

  /** Deletes expired delivery ids. */
  Future<Void> expire() {
    return db.run(SqlQueries.SEEN_EXPIRE, params("now", System.currentTimeMillis())).mapEmpty();
  }
}
