package io.ferry.engine.account;

import io.ferry.engine.audit.AuditRecords;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.cluster.ClusterNotices;
import io.ferry.engine.cluster.Notice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import io.ferry.engine.store.Database;
import io.ferry.engine.store.GroupCommit;
import io.ferry.engine.store.SqlQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Every change to an account goes through here: the row and its {@code integrated_account:*} events are written in
 * one transaction (events into the webhook outbox) with a notice that makes every other node drop the account; an
 * update or delete answers once the other nodes applied it ({@link ClusterNotices#acked}). Only after the commit are
 * the events published on the bus (cache invalidation, delivery wake-up).
 */
public final class AccountWrites {
  /** A writer re-reads and re-applies at most this often before giving up with 409. */
  static final int MAX_LOST_WRITES = 10;
  /** Single imports per shared transaction at most (embedded store). */
  static final int MAX_INSERT_GROUP = 64;

  private final Vertx vertx;
  private final AccountStore store;
  private final ChangeEvents outbox;
  private final ClusterNotices cluster;

  public AccountWrites(Vertx vertx, AccountStore store, ChangeEvents outbox, ClusterNotices cluster) {
    this.vertx = vertx;
    this.store = store;
    this.outbox = outbox;
    this.cluster = cluster;
  }

  public AccountStore store() {
    return store;
  }

  public Future<Account> insert(Account a, List<String> events) {
    return insert(new Change(a, events));
  }

  private Future<Account> insert(Change c) {
    Account a = c.account();
    return store.database().inTransaction(tx -> store.insert(tx, a).compose(v -> enqueue(tx, a, c.events(), c.payload()))
            .compose(v -> AuditRecords.insertAll(store.database(), tx, c.audits())))
        .map(v -> published(a, c.events(), c.payload()));
  }

  /**
   * Single imports for one verticle's event loop: each inserted, committed, then published. On the embedded store
   * concurrent ones share transactions ({@link GroupCommit}): every commit there appends a chunk to the file and each
   * chunk rewrites the path of every index it touches. On PostgreSQL each commits alone, as {@link #insert} does (its
   * WAL already flushes concurrent commits together).
   */
  Function<Change, Future<Account>> importer() {
    if (store.database().postgres()) {
      return this::insert;
    }
    GroupCommit<Change, Void> commits = new GroupCommit<>(store.database(), MAX_INSERT_GROUP, 1, (tx, group) -> {
      List<Account> accounts = new ArrayList<>(group.size());
      List<Map<String, Object>> audits = new ArrayList<>();
      for (Change c : group) {
        accounts.add(c.account());
        audits.addAll(c.audits());
      }
      return store.insertAll(tx, accounts, java.util.Collections.nCopies(group.size(), null))
          .compose(v -> eventsIn(tx, group, List.of()))
          .compose(v -> AuditRecords.insertAll(store.database(), tx, audits))
          .map(v -> java.util.Collections.nCopies(group.size(), null));
    });
    return c -> commits.submit(c).map(v -> {
      publish(c);
      return c.account();
    });
  }

  /** An update on a transaction the caller commits; {@code updated_at} must already be stamped. */
  Future<Void> updateIn(io.vertx.sqlclient.SqlClient tx, Account a, List<String> events) {
    return store.update(tx, a).compose(v -> cluster.inTransaction(tx, Notice.of(Notice.Kind.ACCOUNT, a.id())))
        .compose(v -> enqueue(tx, a, events, AccountJson.of(a)));
  }

  /**
   * An account's state after one change, the events that change raises, their payload (its API shape), and the audit
   * record committed with it when an admin made it (none otherwise).
   */
  record Change(Account account, List<String> events, JsonObject payload, Map<String, Object> audit) {
    Change(Account account, List<String> events) {
      this(account, events, AccountJson.of(account), null);
    }

    Change(Account account, List<String> events, Map<String, Object> audit) {
      this(account, events, AccountJson.of(account), audit);
    }

    List<Map<String, Object>> audits() {
      return audit == null ? List.of() : List.of(audit);
    }
  }

  /**
   * Bulk import: on a transaction the caller commits, the accounts' new rows and versioned updates are written by
   * the caller; this queues their events (one batched outbox write) and a cluster notice per updated account.
   */
  Future<Void> eventsIn(io.vertx.sqlclient.SqlClient tx, List<Change> changes, List<String> updatedIds) {
    List<ChangeEvents.Event> events = new ArrayList<>();
    for (Change c : changes) {
      c.events().forEach(e -> events.add(new ChangeEvents.Event(c.account().environmentId(), e, c.payload())));
    }
    List<Notice> notices = updatedIds.stream().map(id -> Notice.of(Notice.Kind.ACCOUNT, id)).toList();
    return cluster.inTransaction(tx, notices).compose(v -> outbox.enqueueAll(tx, events)).mapEmpty();
  }

  /** After the commit of {@link #eventsIn}: tells caches and the delivery verticle. */
  void publish(Change c) {
    published(c.account(), c.events(), c.payload());
  }

  /**
   * Stamps {@code updated_at}, writes over {@code changed.version()} and records {@code events} for the new state
   * (returned with its new version). Fails with {@link AccountStore.StaleVersion} when another write came first:
   * use {@link #modify} for a change that can be re-applied.
   */
  public Future<Account> update(Account changed, List<String> events) {
    Account a = changed.withUpdatedAt(System.currentTimeMillis());
    // the other nodes drop their copy before this answers (read-your-writes across nodes)
    ClusterNotices.Acked notice = cluster.acked(vertx, Notice.of(Notice.Kind.ACCOUNT, a.id()));
    return store.database().inTransaction(tx -> store.update(tx, a).compose(v -> notice.send(tx))
            .compose(v -> enqueue(tx, a, events, AccountJson.of(a))))
        .compose(v -> notice.delivered(), e -> {
          notice.cancel();
          return Future.failedFuture(e);
        })
        .map(v -> published(a.withVersion(a.version() + 1), events, AccountJson.of(a)));
  }

  /**
   * Applies {@code change} to the newest stored account and writes it; a writer that lost to a concurrent write
   * re-reads and re-applies, so both changes are kept.
   */
  public Future<Account> modify(String id, UnaryOperator<Account> change, Function<Account, List<String>> events) {
    return modify(id, change, events, 0);
  }

  private Future<Account> modify(String id, UnaryOperator<Account> change, Function<Account, List<String>> events, int lost) {
    return store.getInAnyEnvironment(id).compose(latest -> {
      Account changed = change.apply(latest);
      return changed == latest ? Future.succeededFuture(latest) : update(changed, events.apply(changed));
    }).recover(e -> e instanceof AccountStore.StaleVersion && lost < MAX_LOST_WRITES
        ? modify(id, change, events, lost + 1) : Future.failedFuture(e));
  }

  /**
   * A change decided on the newest account while no other node can decide one for it (token refresh): on PostgreSQL
   * the row is locked ({@code SELECT ... FOR UPDATE}, lock timeout) from the read to the commit; the wait is the pg
   * client's, no JVM thread blocks. The embedded store serves one node, whose single-flight already serialises, so
   * it reads and writes with {@link #modify}'s re-apply. {@code decide} answers the change to apply (null: none).
   */
  public Future<Account> lockedChange(String id, Function<Account, Future<UnaryOperator<Account>>> decide,
                                      Function<Account, List<String>> events) {
    if (store.database().vendor() != Database.Vendor.POSTGRES) {
      return store.getInAnyEnvironment(id).compose(latest -> decide.apply(latest).compose(change ->
          change == null ? Future.succeededFuture(latest) : modify(id, change, events)));
    }
    List<Object[]> committed = new ArrayList<>(1);
    return store.database().inTransaction(tx -> tx.query(SqlQueries.TOKEN_LOCK_TIMEOUT).execute()
        .compose(v -> store.getForUpdate(tx, id))
        .compose(latest -> decide.apply(latest).compose(change -> {
          if (change == null) {
            return Future.succeededFuture(latest);
          }
          Account a = change.apply(latest).withUpdatedAt(System.currentTimeMillis());
          List<String> evs = events.apply(a);
          committed.add(new Object[] {a, evs});
          // updateIn queues the account notice on tx: the other nodes drop their copy when the rotated tokens commit
          return updateIn(tx, a, evs).map(v -> a.withVersion(a.version() + 1));
        })))
        .map(a -> {
          if (!committed.isEmpty()) {
            @SuppressWarnings("unchecked") List<String> evs = (List<String>) committed.get(0)[1];
            published(a, evs, AccountJson.of(a));
          }
          return a;
        });
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
