package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("store faults: PostgreSQL backends killed mid-burst answer 503 + Retry-After, then Ferry recovers and loses nothing")
class StoreFaultsTest {

  @Test
  @DisplayName("waves of 20 imports while Ferry's backends are terminated every 150 ms: only 201 or 503, every 201 readable after")
  void terminatedBackends(Vertx vertx) throws Exception {
    String app = "ferry_fault_" + UUID.randomUUID().toString().substring(0, 8);
    String url = TestDatabases.postgresUrl() + "&application_name=" + app; // only this Ferry's backends are killed
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(url)).await();
    String install = ferry.install("example").await();
    SqlClient killer = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(TestDatabases.DEFAULT_PG)).using(vertx).build();
    AtomicInteger killed = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Future<?>> lastKill = new java.util.concurrent.atomic.AtomicReference<>(Future.succeededFuture());
    long timer = vertx.setPeriodic(150, id -> lastKill.set(killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
        + app + "'").execute().onSuccess(rs -> rs.forEach(r -> killed.incrementAndGet()))));
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    List<String> bad = new CopyOnWriteArrayList<>();
    try {
      // a kill only shows when it lands on a query in flight; on a fast box ten waves can all fall between two kills,
      // so waves go on until a kill has been felt (bounded, so a Ferry that never answers 503 still fails)
      long start = System.nanoTime();
      for (int wave = 0; wave < 10 || (!statuses.containsKey(503) && System.nanoTime() - start < 20_000_000_000L); wave++) {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          JsonObject body = new JsonObject().put("tenant_id", "burst-" + wave + "-" + i).put("environment_integration_id", install)
              .put("authentication_method", "oauth2").put("context", new JsonObject().put("oauth", new JsonObject()
                  .put("token", new JsonObject().put("access_token", "at").put("refresh_token", "rt"))));
          calls.add(ferry.admin(HttpMethod.POST, "/integrated-account", body).onSuccess(r -> {
            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (r.statusCode() == 201) {
              acknowledged.add(r.bodyAsJsonObject().getString("id"));
            } else if (r.statusCode() != 503 || r.getHeader("retry-after") == null
                || r.bodyAsJsonObject().getInteger("statusCode") != 503) {
              bad.add(r.statusCode() + " " + r.bodyAsString());
            }
          }));
        }
        Future.join(calls).await();
      }
    } finally {
      vertx.cancelTimer(timer);
      // a kill sent just before the cancel may still land: the recovery below starts after the last one, once the
      // pool has seen its sockets close
      lastKill.get().transform(ar -> vertx.timer(300)).await();
    }
    assertThat(bad).as("answers other than 201 or 503 + Retry-After; statuses " + statuses).isEmpty();
    assertThat(killed.get()).as("backends terminated").isPositive();
    assertThat(statuses.get(503)).as("the kills were felt: " + statuses).isNotNull();
    assertThat(statuses.get(201)).as("imports between the kills succeed: " + statuses).isNotNull();
    // recovery without restart: the next import succeeds and every acknowledged one is there
    var after = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "after")
        .put("environment_integration_id", install).put("authentication_method", "oauth2").put("context", new JsonObject()
            .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "at"))))).await();
    if (after.statusCode() == 503) { // the pool may still hold one killed connection
      after = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "after")
          .put("environment_integration_id", install).put("authentication_method", "oauth2").put("context", new JsonObject()
              .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "at"))))).await();
    }
    assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(201);
    for (String id : acknowledged) {
      assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().statusCode()).as(id).isEqualTo(200);
    }
    System.out.println("STORE FAULTS: statuses " + statuses + ", backends terminated " + killed.get());
    killer.close().await();
    ferry.stop().await();
  }
}
