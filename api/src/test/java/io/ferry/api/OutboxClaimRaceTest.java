package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Migrations;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.SqlQueries;
import io.ferry.engine.webhook.EventOutbox;
import io.ferry.engine.webhook.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.ferry.engine.store.Rows.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two delivery workers (each its own store and pool, as two nodes would be) on one PostgreSQL outbox: claims never
 * overlap, every row is marked once, and a worker whose lease expired can no longer mark the row another took over.
 */
@ExtendWith(VertxExtension.class)
class OutboxClaimRaceTest {
  Database dbA;
  Database dbB;
  Vertx second;
  WebhookStore a;
  WebhookStore b;
  String env;
  String webhookId;

  @BeforeEach
  void setUp(Vertx vertx) {
    String url = TestDatabases.postgresUrl();
    FerryOptions options = FerryServer.options(url);
    dbA = Database.open(vertx, options);
    second = Vertx.vertx();
    dbB = Database.open(second, options); // a second "node": its own Vert.x and pool
    Migrations.migrate(dbA).await();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    a = new WebhookStore(dbA, SecretBox.of(key));
    b = new WebhookStore(dbB, SecretBox.of(key));
    String team = Rows.newId();
    env = Rows.newId();
    long now = System.currentTimeMillis();
    dbA.run(SqlQueries.INSERT_TEAM, params("id", team, "name", "t", "now", now)).await();
    dbA.run(SqlQueries.INSERT_ENVIRONMENT, params("id", env, "team_id", team, "name", "e", "is_default", false, "now", now)).await();
    webhookId = a.create(env, new JsonObject().put("target_url", "http://127.0.0.1:1/hooks")).await().getString("id");
  }

  @AfterEach
  void tearDown() {
    dbA.close().await();
    dbB.close().await();
    second.close().await();
  }

  void enqueue(int n) {
    EventOutbox outbox = new EventOutbox(dbA);
    List<io.ferry.engine.account.ChangeEvents.Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new io.ferry.engine.account.ChangeEvents.Event(env, "record:created", new JsonObject().put("i", i)));
    }
    dbA.inTransaction(tx -> outbox.enqueueAll(tx, events)).await();
  }

  /** One worker: claim small batches until none are due, marking each delivered; answers the row ids it marked. */
  Future<Set<String>> drain(WebhookStore store, String name, Map<String, String> owner) {
    Set<String> marked = new HashSet<>();
    return loop(store, name, owner, marked).map(marked);
  }

  private Future<Void> loop(WebhookStore store, String name, Map<String, String> owner, Set<String> marked) {
    return store.claim(name + ":" + Rows.newId(), System.currentTimeMillis(), 30_000, 7).compose(claimed -> {
      if (claimed.isEmpty()) {
        return Future.succeededFuture();
      }
      List<Future<Boolean>> marks = new ArrayList<>();
      for (WebhookStore.Claimed c : claimed) {
        String previous = owner.putIfAbsent(c.id(), name);
        assertThat(previous).as("row " + c.id() + " claimed by two workers").isNull();
        marks.add(store.delivered(c, 200, 1).andThen(ar -> {
          if (ar.succeeded() && ar.result()) {
            marked.add(c.id());
          }
        }));
      }
      return Future.all(marks).compose(v -> loop(store, name, owner, marked));
    });
  }

  @Test
  @DisplayName("racing workers with SKIP LOCKED: no row claimed twice, each marked delivered exactly once (20 rounds)")
  void racingWorkersNeverShareARow() {
    for (int round = 0; round < 20; round++) {
      enqueue(60);
      Map<String, String> owner = new ConcurrentHashMap<>();
      var fromA = drain(a, "A", owner);
      var fromB = drain(b, "B", owner);
      Set<String> all = new HashSet<>(fromA.await());
      all.addAll(fromB.await());
      assertThat(fromA.result()).doesNotContainAnyElementsOf(fromB.result());
      assertThat(all).hasSize(60);
    }
    long logged = dbA.run("SELECT COUNT(*) AS n, COUNT(DISTINCT outbox_id) AS d FROM webhook_delivery", Map.of()).await()
        .iterator().next().getLong("n");
    assertThat(logged).as("one delivery log row per outbox row").isEqualTo(20 * 60);
    assertThat(a.depth().await()).isZero();
  }

  @Test
  @DisplayName("a worker whose lease expired cannot mark the row the other worker took over (10 rounds)")
  void expiredLeaseCannotOverwrite() {
    for (int round = 0; round < 10; round++) {
      enqueue(1);
      long now = System.currentTimeMillis();
      List<WebhookStore.Claimed> slow = a.claim("A:" + Rows.newId(), now, 1, 10).await();
      assertThat(slow).hasSize(1);
      List<WebhookStore.Claimed> taken = b.claim("B:" + Rows.newId(), now + 5, 30_000, 10).await();
      assertThat(taken).as("the expired claim is taken over").hasSize(1);
      assertThat(b.delivered(taken.get(0), 200, 3).await()).isTrue();
      assertThat(a.failed(slow.get(0), 500, "late", 3, now + 1000).await()).as("the stale worker's retry is refused").isFalse();
      assertThat(a.delivered(slow.get(0), 200, 3).await()).isFalse();
    }
    var counts = dbA.run("SELECT COUNT(*) AS n FROM webhook_delivery", Map.of()).await().iterator().next();
    assertThat(counts.getLong("n")).isEqualTo(10);
    assertThat(dbA.run("SELECT COUNT(*) AS n FROM webhook_outbox WHERE status = 'delivered'", Map.of()).await()
        .iterator().next().getLong("n")).isEqualTo(10);
  }

  @Test
  @DisplayName("retention deletes delivered rows older than the cut-off and keeps failed (dead) ones until retried")
  void retentionKeepsFailures() {
    enqueue(3);
    List<WebhookStore.Claimed> claimed = a.claim("A:" + Rows.newId(), System.currentTimeMillis(), 30_000, 10).await();
    assertThat(claimed).hasSize(3);
    a.delivered(claimed.get(0), 200, 1).await();
    a.delivered(claimed.get(1), 200, 1).await();
    a.failed(claimed.get(2), 500, "gave up", 1, null).await(); // dead
    assertThat(a.expireDelivered(System.currentTimeMillis() - 60_000).await()).as("nothing old enough yet").isZero();
    assertThat(a.expireDelivered(System.currentTimeMillis() + 1).await()).isEqualTo(2);
    var left = dbA.run("SELECT status FROM webhook_outbox", Map.of()).await();
    assertThat(left.size()).isEqualTo(1);
    assertThat(left.iterator().next().getString("status")).isEqualTo("dead");
  }
}
