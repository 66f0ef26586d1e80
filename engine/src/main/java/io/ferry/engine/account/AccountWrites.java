package io.ferry.engine.account;

import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.cluster.ClusterNotices;
import io.ferry.engine.cluster.Notice;
import io.ferry.engine.webhook.EventOutbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Every change to an account goes through here: the row and its {@code integrated_account:*} events are written in
 * one transaction (events into the webhook outbox) with a notice that makes every other node drop the account; an
 * update or delete answers once the other nodes applied it ({@link ClusterNotices#acked}). Only after the commit are
 * the events published on the bus (cache invalidation, delivery wake-up).
 */
public final class AccountWrites {

  private final Vertx vertx;
  private final AccountStore store;
  private final EventOutbox outbox;
  private final ClusterNotices cluster;

  public AccountWrites(Vertx vertx, AccountStore store, EventOutbox outbox, ClusterNotices cluster) {
    this.vertx = vertx;
    this.store = store;
    this.outbox = outbox;
    this.cluster = cluster;
  }

  public AccountStore store() {
    return store;
  }

  public Future<Account> insert(Account a, List<String> events) {
    return store.database().inTransaction(tx -> insertIn(tx, a, events)).map(v -> published(a, events, AccountJson.of(a)));
  }

  /** The row and its events on a transaction the caller commits; then the caller calls {@link #publish}. */
  Future<Void> insertIn(io.vertx.sqlclient.SqlClient tx, Account a, List<String> events) {
    return store.insert(tx, a).compose(v -> enqueue(tx, a, events, AccountJson.of(a)));
  }

  /** As {@link #insertIn} for an update; {@code updated_at} must already be stamped. */
  Future<Void> updateIn(io.vertx.sqlclient.SqlClient tx, Account a, List<String> events) {
    return store.update(tx, a).compose(v -> cluster.inTransaction(tx, Notice.of(Notice.Kind.ACCOUNT, a.id())))
        .compose(v -> enqueue(tx, a, events, AccountJson.of(a)));
  }

  /** After the commit of {@link #insertIn}/{@link #updateIn}: tells caches and the delivery verticle. */
  Account publish(Account a, List<String> events) {
    return published(a, events, AccountJson.of(a));
  }

  /** Stamps {@code updated_at}, writes, and records {@code events} for the new state. */
  public Future<Account> update(Account changed, List<String> events) {
    Account a = changed.withUpdatedAt(System.currentTimeMillis());
    ClusterNotices.Acked notice = cluster.acked(vertx, Notice.of(Notice.Kind.ACCOUNT, a.id()));
    return store.database().inTransaction(tx -> store.update(tx, a).compose(v -> notice.send(tx))
            .compose(v -> enqueue(tx, a, events, AccountJson.of(a))))
        .compose(v -> notice.delivered(), e -> {
          notice.cancel();
          return Future.failedFuture(e);
        })
        .map(v -> published(a, events, AccountJson.of(a)));
  }

  public Future<Account> delete(Account a) {
    List<String> events = List.of("integrated_account:deleted");
    JsonObject payload = new JsonObject().put("id", a.id());
    ClusterNotices.Acked notice = cluster.acked(vertx, Notice.of(Notice.Kind.ACCOUNT, a.id()));
    return store.database().inTransaction(tx -> store.delete(tx, a.environmentId(), a.id()).compose(v -> notice.send(tx))
            .compose(v -> enqueue(tx, a, events, payload)))
        .compose(v -> notice.delivered(), e -> {
          notice.cancel();
          return Future.failedFuture(e);
        })
        .map(v -> published(a, events, payload));
  }

  private Future<Void> enqueue(io.vertx.sqlclient.SqlClient tx, Account a, List<String> events, JsonObject payload) {
    Future<Void> chain = Future.succeededFuture();
    for (String event : events) {
      chain = chain.compose(v -> outbox.enqueue(tx, a.environmentId(), event, payload).mapEmpty());
    }
    return chain;
  }

  private Account published(Account a, List<String> events, JsonObject payload) {
    if (events.isEmpty()) {
      // still tell caches the account changed
      vertx.eventBus().publish(Addresses.ACCOUNT_EVENTS, new AccountEvent("integrated_account:changed", a.environmentId(), a.id(), payload), Bus.LOCAL);
    }
    for (String event : events) {
      vertx.eventBus().publish(Addresses.ACCOUNT_EVENTS, new AccountEvent(event, a.environmentId(), a.id(), payload), Bus.LOCAL);
    }
    return a;
  }
}
