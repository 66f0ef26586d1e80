package io.ferry.engine.store;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ferry.engine.store.Rows.params;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("group commit on the embedded store")
class GroupCommitTest {
  Database db;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger mostAtOnce = new AtomicInteger();

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    db = Database.open(vertx, FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("group").toString())));
    Migrations.migrate(db).await();
  }

  @AfterEach
  void close() {
    db.close().await();
  }

  @Test
  @DisplayName("200 concurrent writers share a handful of transactions, and each is answered only once its row is committed")
  void concurrentWritersShareCommits(Vertx vertx) {
    for (int round = 0; round < 5; round++) {
      AtomicInteger transactions = new AtomicInteger();
      List<String> notVisibleWhenAnswered = new CopyOnWriteArrayList<>();
      List<Future<Void>> answered = submitAll(vertx, teams(round, 200), transactions, notVisibleWhenAnswered);
      Future.all(answered).await();
      assertThat(notVisibleWhenAnswered).isEmpty();
      assertThat(count("r" + round + "-%")).isEqualTo(200);
      // the first goes alone, the other 199 queue behind it: groups of at most 64
      assertThat(transactions.get()).isBetween(4, 10);
    }
  }

  @Test
  @DisplayName("a writer answering the wrong number of results fails its group, stored nothing, and fails no one else")
  void aWriterAnsweringTheWrongCountStoresNothing(Vertx vertx) {
    Context owner = vertx.getOrCreateContext();
    GroupCommit<String, Void> commits = new GroupCommit<>(db, 64, 1, (tx, group) -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      group.forEach(id -> rows.add(params("id", id, "name", "short", "now", 1L)));
      return db.runBatch(tx, SqlQueries.INSERT_TEAM, rows).map(v -> List.<Void>of());
    });
    Promise<Void> answered = Promise.promise();
    owner.runOnContext(v -> commits.submit("short-1").onComplete(answered));
    assertThat(answered.future().transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
    assertThat(count("short-%")).isZero();
  }

  @Test
  @DisplayName("a group with one bad item rolls back, then each item goes alone, one transaction at a time: only the bad one fails")
  void aBadItemFailsAlone(Vertx vertx) {
    db.run(SqlQueries.INSERT_TEAM, params("id", "taken", "name", "first", "now", 1L)).await();
    List<String> ids = teams(0, 30);
    ids.set(17, "taken");
    AtomicInteger transactions = new AtomicInteger();
    List<Future<Void>> answered = submitAll(vertx, ids, transactions, new CopyOnWriteArrayList<>());
    Future.join(answered).otherwiseEmpty().await(); // all settled, some failed
    for (int i = 0; i < ids.size(); i++) {
      assertThat(answered.get(i).succeeded()).as("item " + i).isEqualTo(i != 17);
    }
    assertThat(count("r0-%")).isEqualTo(29);
    assertThat(count("taken")).isEqualTo(1);
    assertThat(mostAtOnce.get()).as("transactions in flight at once (maxCommits 1)").isEqualTo(1);
  }

  private List<Future<Void>> submitAll(Vertx vertx, List<String> ids, AtomicInteger transactions, List<String> notVisible) {
    Context owner = vertx.getOrCreateContext();
    GroupCommit<String, Void> commits = new GroupCommit<>(db, 64, 1, (tx, group) -> {
      transactions.incrementAndGet();
      mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      List<Map<String, Object>> rows = new ArrayList<>();
      group.forEach(id -> rows.add(params("id", id, "name", "group", "now", 1L)));
      return db.runBatch(tx, SqlQueries.INSERT_TEAM, rows).map(v -> Collections.<Void>nCopies(group.size(), null))
          .andThen(ar -> inFlight.decrementAndGet());
    });
    List<Future<Void>> answered = new ArrayList<>();
    List<Promise<Void>> promises = new ArrayList<>();
    ids.forEach(id -> {
      Promise<Void> p = Promise.promise();
      promises.add(p);
      answered.add(p.future());
    });
    owner.runOnContext(v -> {
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        Promise<Void> p = promises.get(i);
        commits.submit(id).compose(ok -> db.run("SELECT id FROM team WHERE id = #{id}", params("id", id)))
            .onSuccess(rs -> {
              if (rs.size() != 1) {
                notVisible.add(id);
              }
            })
            .<Void>mapEmpty().onComplete(p);
      }
    });
    return answered;
  }

  private static List<String> teams(int round, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("r" + round + "-" + i);
    }
    return ids;
  }

  private long count(String like) {
    return ((Number) db.run("SELECT COUNT(*) FROM team WHERE id LIKE #{like}", params("like", like)).await()
        .iterator().next().getValue(0)).longValue();
  }
}
