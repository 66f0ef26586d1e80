package io.ferry.api;

import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real Ferry processes (separate JVMs) on one PostgreSQL schema, behind no balancer: each scenario talks to node
 * A and node B directly. The processes are shared by the scenarios; the last one kills A.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("two nodes on one PostgreSQL: shared pauses, instant invalidation, membership, outbox takeover")
class TwoNodeClusterTest {
  static final String ADMIN = "Bearer " + FerryServer.ADMIN_TOKEN;

  Vertx vertx;
  WebClient client;
  FakeUpstream upstream;
  String databaseUrl;
  /** The test's own view of the shared database. */
  Database db;
  FerryProcess a;
  FerryProcess b;
  String installId;

  final AtomicInteger limitedCalls = new AtomicInteger();
  volatile boolean hooksHang = true;
  final List<RoutingContext> heldHooks = new CopyOnWriteArrayList<>();
  final Set<String> deliveredIds = ConcurrentHashMap.newKeySet();
  final AtomicInteger droppedByKill = new AtomicInteger();

  @BeforeAll
  void startNodes(Vertx vertx) throws Exception {
    this.vertx = vertx;
    client = WebClient.create(vertx);
    upstream = new FakeUpstream(vertx);
    upstream.router.get("/limited").handler(ctx -> {
      if (limitedCalls.incrementAndGet() == 1) {
        ctx.response().putHeader("Retry-After", "3");
        FakeUpstream.json(ctx, 429, new JsonObject().put("error", "slow down"));
      } else {
        FakeUpstream.json(ctx, 200, new JsonObject().put("ok", true));
      }
    });
    upstream.router.get("/echo/:w").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("w", ctx.pathParam("w"))));
    upstream.router.post("/hooks").handler(this::hook);
    upstream.start(vertx).await();

    databaseUrl = TestDatabases.postgresUrl();
    db = Database.open(vertx, FerryServer.options(databaseUrl));
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    Map<String, String> env = Map.of("FERRY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key),
        "FERRY_CLUSTER_HEARTBEAT_MS", "500", "FERRY_WEBHOOK_RETRY_BASE_MS", "200");
    // both start together on the empty schema: migrations and seeding must not race
    a = FerryProcess.of(Files.createTempDirectory("ferry-node-a"), databaseUrl, env).start();
    b = FerryProcess.of(Files.createTempDirectory("ferry-node-b"), databaseUrl, env).start();
    a.awaitHealthy(vertx, client);
    b.awaitHealthy(vertx, client);

    String integration = call(a, HttpMethod.POST, "/integration", ADMIN, new JsonObject().put("name", "acme")
        .put("category", "crm").put("config", config(upstream.base())), 201).getString("id");
    installId = call(a, HttpMethod.POST, "/environment-integration", ADMIN,
        new JsonObject().put("integration_id", integration), 201).getString("id");
  }

  @AfterAll
  void stopNodes() throws Exception {
    if (a != null) {
      a.kill9();
    }
    if (b != null) {
      b.kill9();
    }
    if (db != null) {
      db.close().await();
    }
  }

  static JsonObject config(String base) {
    return new JsonObject("""
        {
          "base_url": "%s",
          "credentials": {"api_key": {"format": "api_key", "config": {"fields": [{"name": "api_key", "type": "password", "required": true}]}}},
          "rate_limit": {"is_rate_limited": true, "retry_after_header_expression": "Retry-After"},
          "resources": {
            "limited": {"get": {"path": "/limited"}},
            "echo": {"get": {"path": "/echo/{{workspace}}"}}
          }
        }""".formatted(base));
  }

  @Test
  @Order(1)
  @DisplayName("GET /cluster lists both live nodes with version, start time and last beat; admin token only")
  void membership() {
    JsonObject listed = call(b, HttpMethod.GET, "/cluster", ADMIN, null, 200);
    JsonArray nodes = listed.getJsonArray("result");
    assertThat(nodes).hasSize(2);
    assertThat(nodes.stream().map(n -> ((JsonObject) n).getString("node_id")).distinct()).hasSize(2);
    for (Object n : nodes) {
      JsonObject node = (JsonObject) n;
      assertThat(node.getString("version")).isNotBlank();
      assertThat(node.getString("started_at")).isNotBlank();
      assertThat(node.getString("last_beat_at")).isNotBlank();
    }
    assertThat(listed.getString("this_node")).isIn(nodes.stream().map(n -> ((JsonObject) n).getString("node_id")).toList());
    assertThat(listed.getString("coordination")).isEqualTo("postgresql");
    String token = createToken("not-admin");
    assertThat(send(a, HttpMethod.GET, "/cluster", "Bearer " + token, null).statusCode()).isEqualTo(403);
  }

  @Test
  @Order(2)
  @DisplayName("a 429 with Retry-After: 3 seen on node A: node B sends no upstream request for the account until it ends")
  void pauseIsShared() {
    String account = importAccount("paused", "w0");
    String path = "/proxy/limited/x?integrated_account_id=" + account;
    var first = client.get(a.port, "localhost", path).putHeader("Authorization", ADMIN).putHeader("X-Ferry-Max-Wait", "0")
        .send().await();
    long limitedAt = upstream.to("/limited").get(0).at();
    assertThat(first.statusCode()).isEqualTo(429);
    vertx.timer(150).await(); // NOTIFY travels in milliseconds; this is the allowance
    // node B: callers unwilling to wait are refused at once, a patient caller is served after the pause
    Future<HttpResponse<Buffer>> patient = client.get(b.port, "localhost", path).putHeader("Authorization", ADMIN).send();
    int refused = 0;
    while (System.currentTimeMillis() < limitedAt + 2_500) {
      var r = client.get(b.port, "localhost", path).putHeader("Authorization", ADMIN).putHeader("X-Ferry-Max-Wait", "0")
          .send().await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(429);
      assertThat(r.getHeader("Retry-After")).isNotNull();
      refused++;
      vertx.timer(100).await();
    }
    assertThat(patient.await().statusCode()).isEqualTo(200);
    var calls = upstream.to("/limited");
    assertThat(refused).isGreaterThan(10);
    assertThat(calls).as("the limited call, then the patient call after the pause").hasSize(2);
    assertThat(calls.get(1).at() - limitedAt).as("no upstream call during the 3 s pause").isGreaterThanOrEqualTo(2_950);
  }

  @Test
  @Order(3)
  @DisplayName("PATCH of an account on node A: node B's next call uses the new context (10 rounds)")
  void patchOnAReachesB() {
    String account = importAccount("patched", "w0");
    String path = "/proxy/echo/x?integrated_account_id=" + account;
    for (int round = 1; round <= 10; round++) {
      assertThat(call(b, HttpMethod.GET, path, ADMIN, null, 200).getString("w")).isEqualTo("w" + (round - 1));
      call(a, HttpMethod.PATCH, "/integrated-account/" + account, ADMIN,
          new JsonObject().put("context", new JsonObject().put("workspace", "w" + round)), 200);
      assertThat(call(b, HttpMethod.GET, path, ADMIN, null, 200).getString("w")).as("round " + round).isEqualTo("w" + round);
    }
  }

  @Test
  @Order(3)
  @DisplayName("PATCH of an install's override on node A: node B's next call uses the new config")
  void installOverrideOnAReachesB() {
    String account = importAccount("overridden", "w0");
    String path = "/proxy/echo/x?integrated_account_id=" + account;
    assertThat(call(b, HttpMethod.GET, path, ADMIN, null, 200).getString("w")).isEqualTo("w0");
    call(a, HttpMethod.PATCH, "/environment-integration/" + installId, ADMIN, new JsonObject().put("override",
        new JsonObject().put("resources", new JsonObject().put("echo", new JsonObject().put("get",
            new JsonObject().put("path", "/echo/from-override"))))), 200);
    assertThat(call(b, HttpMethod.GET, path, ADMIN, null, 200).getString("w")).isEqualTo("from-override");
    call(a, HttpMethod.PATCH, "/environment-integration/" + installId, ADMIN, new JsonObject().put("override", new JsonObject()), 200);
    assertThat(call(b, HttpMethod.GET, path, ADMIN, null, 200).getString("w")).isEqualTo("w0");
  }

  @Test
  @Order(4)
  @DisplayName("a revoked token (row deleted in PostgreSQL) is refused by both nodes within 1 s")
  void revokedTokenRefusedEverywhere() {
    String token = createToken("short-lived");
    assertThat(send(b, HttpMethod.GET, "/integrated-account", "Bearer " + token, null).statusCode()).isEqualTo(200);
    String id = call(a, HttpMethod.GET, "/api-token", ADMIN, null, 200).getJsonArray("result").stream()
        .map(JsonObject.class::cast).filter(t -> t.getString("name").equals("short-lived")).findFirst().orElseThrow()
        .getString("id");
    // Revoked the way any code path (or an operator's SQL) does it: the row goes, and the api_token trigger
    // notifies every node from inside that transaction.
    db.run("DELETE FROM api_token WHERE id = #{id}", Rows.params("id", id)).await();
    long revokedAt = System.currentTimeMillis();
    int status = 200;
    while (status == 200 && System.currentTimeMillis() - revokedAt < 1_000) {
      status = send(b, HttpMethod.GET, "/integrated-account", "Bearer " + token, null).statusCode();
    }
    assertThat(status).as("refused within 1 s").isEqualTo(401);
    assertThat(send(a, HttpMethod.GET, "/integrated-account", "Bearer " + token, null).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(5)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  @DisplayName("200 concurrent calls split across both nodes on an expired token, rotating refresh tokens, 5 rounds: one token request each, 200 successes, never needs_reauth")
  void oneRefreshAcrossNodes() {
    RotatingTokenServer provider = new RotatingTokenServer().start(vertx).await();
    JsonObject config = new JsonObject("""
        {"base_url": "%s",
         "credentials": {"oauth2": {"format": "oauth2", "config": {"client": {"id": "cid", "secret": "csecret"},
           "auth": {"tokenHost": "%s", "tokenPath": "/oauth/token"}, "options": {"authorizationMethod": "body", "bodyFormat": "form"}}}},
         "resources": {"users": {"get": {"path": "/users/{{id}}", "response_path": "data"}}}}""".formatted(provider.base(), provider.base()));
    String integration = call(a, HttpMethod.POST, "/integration", ADMIN, new JsonObject().put("name", "rotating")
        .put("category", "crm").put("config", config), 201).getString("id");
    String install = call(a, HttpMethod.POST, "/environment-integration", ADMIN,
        new JsonObject().put("integration_id", integration), 201).getString("id");
    String account = call(a, HttpMethod.POST, "/integrated-account", ADMIN, new JsonObject().put("tenant_id", "rot")
        .put("environment_integration_id", install).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", provider.currentTokens()
            .put("expires_in", 3600)))), 201).getString("id");
    // enough connections that all 200 calls are really in flight at once, 100 on each node
    WebClient wide = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(200));
    try {
      for (int round = 1; round <= 5; round++) {
        provider.expireAccessToken();
        int before = provider.refreshes.get();
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          FerryProcess node = i % 2 == 0 ? a : b;
          calls.add(wide.get(node.port, "localhost", "/proxy/users/" + i + "?integrated_account_id=" + account)
              .putHeader("Authorization", ADMIN).timeout(30_000).send());
        }
        Future.join(calls).await();
        for (var c : calls) {
          assertThat(c.succeeded()).as("round " + round + ": " + c.cause()).isTrue();
          assertThat(c.result().statusCode()).as("round " + round + ": " + c.result().bodyAsString()).isEqualTo(200);
        }
        assertThat(provider.refreshes.get() - before).as("round " + round + " token requests").isEqualTo(1);
        assertThat(provider.reuses.get()).as("rotated-away refresh tokens presented").isZero();
        assertThat(provider.revoked()).isFalse();
        assertThat(call(b, HttpMethod.GET, "/integrated-account/" + account, ADMIN, null, 200).getString("status"))
            .isEqualTo("active");
      }
    } finally {
      wide.close();
    }
  }

  @Test
  @Order(6)
  @DisplayName("kill -9 of node A with 50 outbound deliveries in flight: node B delivers all 50, and lists itself alone")
  void killNineHandsDeliveriesToB() throws Exception {
    call(a, HttpMethod.POST, "/webhook", ADMIN, new JsonObject().put("target_url", upstream.base() + "/hooks")
        .put("event_types", new JsonArray().add("integrated_account:created")), 201);
    List<Future<HttpResponse<Buffer>>> imports = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      imports.add(client.post(a.port, "localhost", "/integrated-account").putHeader("Authorization", ADMIN)
          .sendJsonObject(account("hook-" + i, "w")));
    }
    Future.all(imports).await();
    imports.forEach(f -> assertThat(f.result().statusCode()).isEqualTo(201));
    // claimed (leased) and sending: a few on the wire, the rest waiting for a connection to the target
    for (int i = 0; i < 100 && claimed() < 50; i++) {
      vertx.timer(100).await();
    }
    assertThat(claimed()).as("deliveries in flight").isEqualTo(50);
    assertThat(heldHooks).isNotEmpty();
    a.kill9();
    for (int i = 0; i < 20 && droppedByKill.get() == 0; i++) {
      vertx.timer(50).await();
    }
    assertThat(droppedByKill.get()).as("deliveries node A had in flight when killed").isPositive();
    hooksHang = false;
    heldHooks.forEach(this::answer); // node B's own held deliveries
    long killedAt = System.currentTimeMillis();
    while (deliveredIds.size() < 50 && System.currentTimeMillis() - killedAt < 40_000) {
      vertx.timer(200).await();
    }
    assertThat(deliveredIds).as("events delivered after the kill").hasSize(50);
    // the dead node stopped beating: it drops out of the membership list (3 beats of 500 ms)
    JsonArray nodes = call(b, HttpMethod.GET, "/cluster", ADMIN, null, 200).getJsonArray("result");
    for (int i = 0; i < 50 && nodes.size() > 1; i++) {
      vertx.timer(100).await();
      nodes = call(b, HttpMethod.GET, "/cluster", ADMIN, null, 200).getJsonArray("result");
    }
    assertThat(nodes).hasSize(1);
    assertThat(nodes.getJsonObject(0).getBoolean("this_node")).isTrue();
  }

  private long claimed() {
    return ((Number) db.run("SELECT COUNT(*) FROM webhook_outbox WHERE status = 'pending' AND claim IS NOT NULL",
        Map.of()).await().iterator().next().getValue(0)).longValue();
  }

  private void hook(RoutingContext ctx) {
    if (hooksHang) {
      heldHooks.add(ctx);
      ctx.request().connection().closeHandler(v -> droppedByKill.incrementAndGet());
      return;
    }
    answer(ctx);
  }

  private void answer(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    String id = new JsonObject(ctx.body().asString()).getString("id");
    ctx.response().setStatusCode(200).end().onSuccess(v -> deliveredIds.add(id));
  }

  private String importAccount(String tenant, String workspace) {
    return call(a, HttpMethod.POST, "/integrated-account", ADMIN, account(tenant, workspace), 201).getString("id");
  }

  private JsonObject account(String tenant, String workspace) {
    return new JsonObject().put("tenant_id", tenant).put("environment_integration_id", installId)
        .put("authentication_method", "api_key").put("context", new JsonObject().put("api_key", "k").put("workspace", workspace));
  }

  private String createToken(String name) {
    String environment = call(a, HttpMethod.GET, "/environment", ADMIN, null, 200).getJsonArray("result").getJsonObject(0)
        .getString("id");
    return call(a, HttpMethod.POST, "/api-token", ADMIN, new JsonObject().put("environment_id", environment)
        .put("name", name), 201).getString("token");
  }

  private HttpResponse<Buffer> send(FerryProcess node, HttpMethod method, String uri, String auth, JsonObject body) {
    var request = client.request(method, node.port, "localhost", uri).putHeader("Authorization", auth);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private JsonObject call(FerryProcess node, HttpMethod method, String uri, String auth, JsonObject body, int expected) {
    var r = send(node, method, uri, auth, body);
    assertThat(r.statusCode()).as(method + " " + uri + ": " + r.bodyAsString()).isEqualTo(expected);
    return r.bodyAsJsonObject();
  }
}
