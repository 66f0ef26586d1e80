package io.ferry.engine.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit: items submitted while a transaction is in flight queue up and are written together by the next one,
 * so concurrent writers share commits instead of paying one each (on the embedded store every commit appends a chunk
 * to the file). Each caller is answered only once the transaction holding its item has committed. When a group fails,
 * each of its items is written again alone, so one bad item never fails its neighbours.
 *
 * <p>Not thread-safe: owned by one verticle and submitted to from its event loop only.
 */
public final class GroupCommit<I, R> {

  /** Writes a group on one transaction; answers one result per item, in the group's order. */
  @FunctionalInterface
  public interface Writer<I, R> {
    Future<List<R>> write(SqlConnection tx, List<I> group);
  }

  private record Pending<I, R>(I item, Promise<R> done) {
  }

  private final Database db;
  private final int maxGroup;
  private final int maxCommits;
  private final Writer<I, R> writer;
  private final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>();
  /** Items of a failed group, each to be written alone before any new group. */
  private final ArrayDeque<Pending<I, R>> alone = new ArrayDeque<>();
  private int committing;

  /** {@code maxGroup} items per transaction at most, {@code maxCommits} transactions in flight at most. */
  public GroupCommit(Database db, int maxGroup, int maxCommits, Writer<I, R> writer) {
    if (maxGroup < 1 || maxCommits < 1) {
      throw new IllegalArgumentException("maxGroup and maxCommits must be at least 1");
    }
    this.db = db;
    this.maxGroup = maxGroup;
    this.maxCommits = maxCommits;
    this.writer = writer;
  }

  public Future<R> submit(I item) {
    Promise<R> done = Promise.promise();
    queue.add(new Pending<>(item, done));
    drain();
    return done.future();
  }

  private void drain() {
    while (committing < maxCommits && (!alone.isEmpty() || !queue.isEmpty())) {
      List<Pending<I, R>> group;
      if (!alone.isEmpty()) {
        group = List.of(alone.poll());
      } else {
        group = new ArrayList<>(Math.min(queue.size(), maxGroup));
        while (group.size() < maxGroup && !queue.isEmpty()) {
          group.add(queue.poll());
        }
      }
      committing++;
      commit(group).onComplete(ar -> {
        committing--;
        if (ar.succeeded()) {
          answer(group, ar.result());
        } else if (group.size() == 1) {
          group.get(0).done().fail(ar.cause());
        } else {
          // the group's transaction rolled back as a whole: nothing of it is stored; each item goes again alone,
          // ahead of newer arrivals and within maxCommits (a failing store gets no burst of retries)
          alone.addAll(group);
        }
        drain();
      });
    }
  }

  private Future<List<R>> commit(List<Pending<I, R>> group) {
    List<I> items = new ArrayList<>(group.size());
    group.forEach(p -> items.add(p.item()));
    return db.inTransaction(tx -> writer.write(tx, items).compose(results -> results != null && results.size() == items.size()
        ? Future.succeededFuture(results)
        : Future.failedFuture(new IllegalStateException("a group writer answered " + (results == null ? "null" : results.size())
            + " results for " + items.size() + " items"))));
  }

  private void answer(List<Pending<I, R>> group, List<R> results) {
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(results.get(i));
    }
  }
}
