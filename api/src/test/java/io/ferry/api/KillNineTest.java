package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Ferry process, killed with SIGKILL while deliveries are in flight: after a restart every event arrives. */
@ExtendWith(VertxExtension.class)
class KillNineTest {

  FerryProcess ferry;
  volatile boolean hang = true;

  @AfterEach
  void cleanUp() throws Exception {
    if (ferry != null) {
      ferry.kill9();
    }
  }

  @Test
  @DisplayName("kill -9 with deliveries in flight loses nothing: after restart all five events are delivered")
  void killNine(Vertx vertx) throws Exception {
    FakeUpstream receiver = new FakeUpstream(vertx);
    receiver.router.post("/hooks").handler(ctx -> {
      if (!hang) {
        ctx.response().setStatusCode(200).end();
      }
    });
    receiver.start(vertx).await();
    Path data = Files.createTempDirectory("ferry-kill");
    WebClient client = WebClient.create(vertx);
    ferry = FerryProcess.of(data, null, Map.of()).start();
    ferry.awaitHealthy(vertx, client);
    int port = ferry.port;
    String auth = "Bearer " + FerryServer.ADMIN_TOKEN;
    client.post(port, "localhost", "/webhook").putHeader("Authorization", auth).sendJsonObject(new JsonObject()
        .put("target_url", receiver.base() + "/hooks").put("event_types", new JsonArray().add("integrated_account:created"))).await();
    String install = exampleInstall(client, port, auth);
    for (int i = 0; i < 5; i++) {
      var r = client.request(HttpMethod.POST, port, "localhost", "/integrated-account").putHeader("Authorization", auth)
          .sendJsonObject(importBody("t" + i, install, "x")).await();
      assertThat(r.statusCode()).isEqualTo(201);
    }
    for (int i = 0; i < 100 && receiver.to("/hooks").size() < 5; i++) {
      vertx.timer(50).await();
    }
    assertThat(receiver.to("/hooks")).as("deliveries in flight when killed").hasSize(5);
    ferry.kill9();

    hang = false;
    receiver.received.clear();
    ferry = ferry.restart();
    ferry.awaitHealthy(vertx, client);
    for (int i = 0; i < 400; i++) {
      if (receiver.to("/hooks").stream().map(d -> new JsonObject(d.body()).getString("id")).distinct().count() == 5) {
        return;
      }
      vertx.timer(100).await();
    }
    throw new AssertionError("not every event was delivered after the restart: " + receiver.to("/hooks").size());
  }

  @Test
  @DisplayName("kill -9 in the middle of steady imports on the embedded store: it reopens, and every account answered 201 is there")
  void killNineUnderSteadyWrites(Vertx vertx) throws Exception {
    Path data = Files.createTempDirectory("ferry-kill-writes");
    WebClient client = WebClient.create(vertx);
    ferry = FerryProcess.of(data, null, Map.of()).start();
    ferry.awaitHealthy(vertx, client);
    int port = ferry.port;
    String auth = "Bearer " + FerryServer.ADMIN_TOKEN;
    String install = exampleInstall(client, port, auth);
    java.util.Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    long killAt = System.currentTimeMillis() + 4000; // long enough for compaction to rewrite and free chunks
    java.util.List<io.vertx.core.Future<Void>> writers = new java.util.ArrayList<>();
    for (int w = 0; w < 16; w++) {
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      writers.add(done.future());
      vertx.runOnContext(v -> importUntil(client, port, auth, install, next, answered, killAt, done));
    }
    vertx.timer(Math.max(1, killAt - System.currentTimeMillis())).await();
    ferry.kill9(); // sixteen imports in flight, compaction running
    int sent = next.get();
    io.vertx.core.Future.join(writers).await();

    ferry = ferry.restart();
    ferry.awaitHealthy(vertx, client);
    int restarted = ferry.port;
    java.util.Set<String> stored = new java.util.HashSet<>();
    String cursor = null;
    do {
      JsonObject page = client.get(restarted, "localhost", "/integrated-account?limit=1000" + (cursor == null ? "" : "&next_cursor=" + cursor))
          .putHeader("Authorization", auth).send().await().bodyAsJsonObject();
      page.getJsonArray("result").forEach(a -> stored.add(((JsonObject) a).getString("id")));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertThat(answered.size()).as("imports answered before the kill (of " + sent + " sent)").isGreaterThan(200);
    assertThat(stored).containsAll(answered);
  }

  private static void importUntil(WebClient client, int port, String auth, String install,
                                  java.util.concurrent.atomic.AtomicInteger next, java.util.Set<String> answered, long until,
                                  io.vertx.core.Promise<Void> done) {
    if (System.currentTimeMillis() > until) {
      done.complete();
      return;
    }
    int n = next.incrementAndGet();
    client.request(HttpMethod.POST, port, "localhost", "/integrated-account").putHeader("Authorization", auth)
        .sendJsonObject(importBody("steady-" + n, install, "x" + n))
        .onSuccess(r -> {
          if (r.statusCode() == 201) {
            answered.add(r.bodyAsJsonObject().getString("id"));
          }
        })
        .onComplete(ar -> importUntil(client, port, auth, install, next, answered, until, done));
  }

  /** An install of the bundled example integration, in the admin token's environment. */
  private static String exampleInstall(WebClient client, int port, String auth) {
    String integration = client.get(port, "localhost", "/integration?name=example").putHeader("Authorization", auth).send().await()
        .bodyAsJsonObject().getJsonArray("result").getJsonObject(0).getString("id");
    return client.post(port, "localhost", "/environment-integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("integration_id", integration)).await().bodyAsJsonObject().getString("id");
  }

  private static JsonObject importBody(String tenant, String install, String accessToken) {
    return new JsonObject().put("tenant_id", tenant).put("environment_integration_id", install)
        .put("authentication_method", "oauth2").put("context", new JsonObject().put("oauth", new JsonObject()
            .put("token", new JsonObject().put("access_token", accessToken))));
  }
}
