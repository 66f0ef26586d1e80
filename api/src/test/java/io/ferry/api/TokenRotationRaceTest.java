package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("token refresh races: exactly one refresh per expiry with a provider that rotates refresh tokens")
class TokenRotationRaceTest {
  static final int CALLS = 200;

  @Test
  @DisplayName("200 concurrent calls on an expired token, 401s staggered, 20 times → one refresh each time, never needs_reauth")
  void oneNode(Vertx vertx) throws Exception {
    RotatingTokenServer provider = new RotatingTokenServer().start(vertx).await();
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      String account = setUp(ferry, provider);
      race(provider, List.of(ferry), List.of(client(vertx)), account, 20);
    } finally {
      ferry.stop().await();
    }
  }

  @Test
  @DisplayName("two Ferry nodes on one PostgreSQL: calls split across both → one refresh per expiry (row lock), never needs_reauth")
  void twoNodesOnePostgres(Vertx vertx) throws Exception {
    String db = TestDatabases.postgresUrl();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = Map.of("FERRY_HTTP_PORT", "0", "FERRY_PROXY_ALLOW_PRIVATE", "true",
        "FERRY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
    RotatingTokenServer provider = new RotatingTokenServer().start(vertx).await();
    Vertx other = Vertx.vertx();
    FerryServer a = FerryServer.start(vertx, node(env, db)).await();
    FerryServer b = FerryServer.start(other, node(env, db)).await();
    try {
      String account = setUp(a, provider);
      race(provider, List.of(a, b), List.of(client(vertx), client(other)), account, 10);
    } finally {
      b.stop().await();
      a.stop().await();
      other.close().await();
    }
  }

  private static FerryOptions node(Map<String, String> env, String db) throws Exception {
    Map<String, String> withDir = new java.util.HashMap<>(env);
    withDir.put("FERRY_DATA_DIR", Files.createTempDirectory("ferry-node").toString());
    return FerryOptions.from(withDir).withDatabaseUrl(db).withApiToken(FerryServer.ADMIN_TOKEN)
        .withIntegrationsDir(FerryServer.catalogDir());
  }

  /** Each round expires the token (on the provider's side; every other round on Ferry's side too), then fires. */
  private static void race(RotatingTokenServer provider, List<FerryServer> nodes, List<WebClient> clients, String account,
                           int rounds) {
    for (int round = 1; round <= rounds; round++) {
      int before = provider.refreshes.get();
      provider.expireAccessToken();
      if (round % 2 == 0) {
        // Ferry also knows the token is expiring: calls refresh before going out, and late 401s still arrive
        JsonObject token = provider.currentTokens().put("expires_in", 30);
        var patched = nodes.get(0).admin(HttpMethod.PATCH, "/integrated-account/" + account + "/credentials",
            new JsonObject().put("oauth", new JsonObject().put("token", token))).await();
        assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
      }
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        int n = i % nodes.size();
        calls.add(clients.get(n).get(nodes.get(n).ferry().port(), "localhost", "/proxy/users/u" + i + "?integrated_account_id=" + account)
            .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).send());
      }
      Future.join(calls).await();
      for (var call : calls) {
        assertThat(call.result().statusCode()).as("round " + round + ": " + call.result().bodyAsString()).isEqualTo(200);
      }
      assertThat(provider.refreshes.get() - before).as("refreshes in round " + round).isEqualTo(1);
      assertThat(provider.reuses.get()).as("rotated-away refresh tokens presented").isZero();
      assertThat(provider.revoked()).isFalse();
      JsonObject stored = nodes.get(nodes.size() - 1).admin(HttpMethod.GET, "/integrated-account/" + account, null).await().bodyAsJsonObject();
      assertThat(stored.getString("status")).isEqualTo("active");
    }
  }

  private static String setUp(FerryServer ferry, RotatingTokenServer provider) {
    JsonObject config = new JsonObject("""
        {"base_url": "%s",
         "credentials": {"oauth2": {"format": "oauth2", "config": {
           "client": {"id": "cid", "secret": "csecret"},
           "auth": {"tokenHost": "%s", "tokenPath": "/oauth/token"},
           "options": {"authorizationMethod": "body", "bodyFormat": "form"}}}},
         "resources": {"users": {"get": {"path": "/users/{{id}}", "response_path": "data"}}}}""".formatted(provider.base(), provider.base()));
    var integration = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "rotating").put("config", config)).await();
    assertThat(integration.statusCode()).as(integration.bodyAsString()).isEqualTo(201);
    String install = ferry.admin(HttpMethod.POST, "/environment-integration",
        new JsonObject().put("integration_id", integration.bodyAsJsonObject().getString("id"))).await().bodyAsJsonObject().getString("id");
    JsonObject token = provider.currentTokens().put("expires_in", 3600);
    var imported = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t1")
        .put("environment_integration_id", install).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", token)))).await();
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
    return imported.bodyAsJsonObject().getString("id");
  }

  /** Enough connections that all 200 calls are really in flight at once. */
  private static WebClient client(Vertx vertx) {
    return WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(CALLS));
  }
}
