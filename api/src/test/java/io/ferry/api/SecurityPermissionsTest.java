package io.ferry.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("permissions (embedded store): integrations are admin-only, environments isolated, tokens revocable, writes audited")
class SecurityPermissionsTest extends ProxyTestBase {

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("id", "u1"))));
  }

  String defaultEnvironment() {
    return ferry.admin(HttpMethod.GET, "/environment", null).await().bodyAsJsonObject().getJsonArray("result")
        .getJsonObject(0).getString("id");
  }

  /** A new environment and a token of it: {environment id, token id, token}. */
  String[] environmentWithToken(String name, String expiresAt) {
    String env = ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", name)).await().bodyAsJsonObject().getString("id");
    JsonObject body = new JsonObject().put("environment_id", env).put("name", name + "-token");
    if (expiresAt != null) {
      body.put("expires_at", expiresAt);
    }
    JsonObject token = ferry.admin(HttpMethod.POST, "/api-token", body).await().bodyAsJsonObject();
    return new String[] {env, token.getString("id"), token.getString("token")};
  }

  static void assertEnvelope(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(status);
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
  }

  @Test
  @DisplayName("environment B's token cannot change or delete the integration A's accounts use; A's calls still reach A's upstream only")
  void otherEnvironmentCannotRedirectSharedIntegration() {
    String account = importAccount(new JsonObject().put("api_key", "A_SECRET_KEY"), "api_key", false);
    String[] b = environmentWithToken("b", null);
    JsonObject integration = ferry.call(HttpMethod.GET, "/integration?name=acme", b[2], null).await().bodyAsJsonObject()
        .getJsonArray("result").getJsonObject(0);
    assertThat(integration.getJsonObject("config").getJsonObject("credentials").getJsonObject("oauth2").getJsonObject("config")
        .getJsonObject("client").getString("secret")).isEqualTo("********");
    String id = integration.getString("id");
    FakeUpstream evil = new FakeUpstream(vertx);
    evil.router.route().handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject()));
    evil.start(vertx).await();

    assertEnvelope(ferry.call(HttpMethod.PATCH, "/integration/" + id, b[2], new JsonObject().put("version", integration.getInteger("version"))
        .put("config", new JsonObject().put("base_url", evil.base()))).await(), 403);
    assertEnvelope(ferry.call(HttpMethod.DELETE, "/integration/" + id, b[2], null).await(), 403);
    assertEnvelope(ferry.call(HttpMethod.POST, "/integration", b[2], new JsonObject().put("name", "mine")
        .put("config", config(evil.base()))).await(), 403);
    assertEnvelope(ferry.call(HttpMethod.PATCH, "/integration/00000000-0000-0000-0000-000000000000", b[2],
        new JsonObject().put("version", 1)).await(), 404);

    var call = proxy(HttpMethod.GET, "/proxy/users/u1", account, null);
    assertThat(call.statusCode()).as(call.bodyAsString()).isEqualTo(200);
    assertThat(upstream.received).hasSize(1);
    assertThat(evil.received).isEmpty();
    assertThat(account(account).getString("id")).isEqualTo(account);
  }

  @Test
  @DisplayName("another environment is a 404 to read; a token sees only its own environment")
  void environmentsIsolated() {
    String a = defaultEnvironment();
    String[] b = environmentWithToken("b", null);
    assertEnvelope(ferry.call(HttpMethod.GET, "/environment/" + a, b[2], null).await(), 404);
    assertThat(ferry.call(HttpMethod.GET, "/environment/" + b[0], b[2], null).await().statusCode()).isEqualTo(200);
    assertThat(ferry.call(HttpMethod.GET, "/environment", b[2], null).await().bodyAsJsonObject().getJsonArray("result")
        .stream().map(e -> ((JsonObject) e).getString("id")).toList()).containsExactly(b[0]);
  }

  @Test
  @DisplayName("a revoked token is refused on the very next request, though its principal was cached")
  void revocationIsImmediate() {
    String[] b = environmentWithToken("b", null);
    String[] c = environmentWithToken("c", null);
    for (int i = 0; i < 3; i++) {
      assertThat(ferry.call(HttpMethod.GET, "/integrated-account", b[2], null).await().statusCode()).isEqualTo(200);
    }
    assertThat(ferry.call(HttpMethod.GET, "/api-token/" + b[1], b[2], null).await().bodyAsJsonObject().getString("name")).isEqualTo("b-token");
    assertEnvelope(ferry.call(HttpMethod.GET, "/api-token/" + c[1], b[2], null).await(), 404);
    assertEnvelope(ferry.call(HttpMethod.DELETE, "/api-token/" + b[1], b[2], null).await(), 403);

    assertThat(ferry.admin(HttpMethod.DELETE, "/api-token/" + b[1], null).await().statusCode()).isEqualTo(200);
    assertEnvelope(ferry.call(HttpMethod.GET, "/integrated-account", b[2], null).await(), 401);
    assertEnvelope(ferry.admin(HttpMethod.GET, "/api-token/" + b[1], null).await(), 404);
    assertThat(ferry.call(HttpMethod.GET, "/integrated-account", c[2], null).await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a token is refused from the moment it expires, though its principal was cached")
  void expiryIsChecked() throws InterruptedException {
    Instant expiry = Instant.now().plusMillis(1_500);
    String[] b = environmentWithToken("b", expiry.toString());
    assertThat(ferry.call(HttpMethod.GET, "/integrated-account", b[2], null).await().statusCode()).isEqualTo(200);
    Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 50);
    assertEnvelope(ferry.call(HttpMethod.GET, "/integrated-account", b[2], null).await(), 401);
  }

  @Test
  @DisplayName("admin writes are in the audit log (token, object, action, time; no values), filtered and paged; admin only")
  void auditLog() {
    String[] b = environmentWithToken("b", null);
    String integration = ferry.admin(HttpMethod.GET, "/integration?name=acme", null).await().bodyAsJsonObject()
        .getJsonArray("result").getJsonObject(0).getString("id");
    ferry.admin(HttpMethod.PATCH, "/integration/" + integration, new JsonObject().put("version", 1)
        .put("config", new JsonObject().put("environment_variables", new JsonObject().put("k", "AUDIT_SECRET_VALUE")))).await();
    ferry.admin(HttpMethod.DELETE, "/api-token/" + b[1], null).await();
    ferry.call(HttpMethod.GET, "/integrated-account", b[2], null).await();

    var log = ferry.admin(HttpMethod.GET, "/audit-log?limit=1000", null).await();
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.bodyAsString()).doesNotContain("AUDIT_SECRET_VALUE");
    var entries = log.bodyAsJsonObject().getJsonArray("result");
    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("object_type") + ":" + ((JsonObject) e).getString("action")).toList())
        .contains("integration:create", "environment-integration:create", "environment:create", "api-token:create",
            "integration:update", "api-token:delete");
    JsonObject revoke = ferry.admin(HttpMethod.GET, "/audit-log?object_type=api-token&action=delete", null).await().bodyAsJsonObject()
        .getJsonArray("result").getJsonObject(0);
    assertThat(revoke.getString("object_id")).isEqualTo(b[1]);
    assertThat(revoke.getString("token_id")).isNotBlank();
    assertThat(revoke.getString("created_at")).isNotBlank();

    JsonObject first = ferry.admin(HttpMethod.GET, "/audit-log?limit=2", null).await().bodyAsJsonObject();
    JsonObject second = ferry.admin(HttpMethod.GET, "/audit-log?limit=2&next_cursor=" + first.getString("next_cursor"), null).await().bodyAsJsonObject();
    assertThat(second.getJsonArray("result").getJsonObject(0).getString("id"))
        .isNotIn(first.getJsonArray("result").getJsonObject(0).getString("id"), first.getJsonArray("result").getJsonObject(1).getString("id"));
    String[] c = environmentWithToken("c", null);
    assertEnvelope(ferry.call(HttpMethod.GET, "/audit-log", c[2], null).await(), 403);
  }

  @Test
  @DisplayName("admin writes made together are each in the audit log exactly once, committed before they are answered")
  void concurrentWritesAudited() {
    for (int round = 0; round < 5; round++) { // group commits form differently each time
      java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        writes.add(ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", "together-" + round + "-" + i)));
      }
      io.vertx.core.Future.all(writes).await();
      java.util.Set<String> created = new java.util.HashSet<>();
      writes.forEach(w -> created.add(w.result().bodyAsJsonObject().getString("id")));

      var entries = ferry.admin(HttpMethod.GET, "/audit-log?object_type=environment&action=create&limit=1000", null).await()
          .bodyAsJsonObject().getJsonArray("result");
      java.util.List<String> audited = entries.stream().map(e -> ((JsonObject) e).getString("object_id"))
          .filter(created::contains).toList();
      assertThat(audited).as("round " + round).hasSize(60).doesNotHaveDuplicates();
    }
  }

  @Test
  @DisplayName("an admin's account imports made together are each audited exactly once by the time they are answered; an environment token's are not")
  void accountImportsAuditedWithTheirCommit() {
    String envToken = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", defaultEnvironment())
        .put("name", "importer")).await().bodyAsJsonObject().getString("token");
    java.util.Set<String> byAdmin = new java.util.HashSet<>();
    java.util.Set<String> byEnvironment = new java.util.HashSet<>();
    for (int round = 0; round < 5; round++) { // single imports share commits differently each time
      java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> admin = new java.util.ArrayList<>();
      java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> environment = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        JsonObject body = new JsonObject().put("tenant_id", "audited-" + round + "-" + i).put("environment_integration_id", installId)
            .put("authentication_method", "api_key").put("context", new JsonObject().put("api_key", "k" + i));
        admin.add(ferry.admin(HttpMethod.POST, "/integrated-account", body));
        environment.add(ferry.call(HttpMethod.POST, "/integrated-account", envToken, body.copy().put("tenant_id", "env-" + round + "-" + i)));
      }
      io.vertx.core.Future.all(admin).await();
      io.vertx.core.Future.all(environment).await();
      admin.forEach(r -> byAdmin.add(r.result().bodyAsJsonObject().getString("id")));
      environment.forEach(r -> byEnvironment.add(r.result().bodyAsJsonObject().getString("id")));
    }
    var entries = ferry.admin(HttpMethod.GET, "/audit-log?object_type=integrated-account&limit=1000", null).await()
        .bodyAsJsonObject().getJsonArray("result");
    java.util.List<String> audited = entries.stream().map(e -> ((JsonObject) e).getString("object_id")).toList();
    assertThat(audited.stream().filter(byAdmin::contains).toList()).hasSize(120).doesNotHaveDuplicates();
    assertThat(audited).doesNotContainAnyElementsOf(byEnvironment);
    JsonObject one = (JsonObject) entries.getValue(0);
    assertThat(one.getString("action")).isEqualTo("create");
    assertThat(one.getString("environment_id")).isEqualTo(defaultEnvironment());
  }

  @Test
  @DisplayName("an API token's expires_at that is not an instant epoch milliseconds hold is a 400 naming it, and no token is made")
  void tokenExpiryOutOfRange() {
    String env = defaultEnvironment();
    int before = ferry.admin(HttpMethod.GET, "/api-token", null).await().bodyAsJsonObject().getJsonArray("result").size();
    for (String bad : new String[] {"+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "", "soon"}) {
      var r = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", env).put("name", "t")
          .put("expires_at", bad)).await();
      assertEnvelope(r, 400);
      assertThat(r.bodyAsString()).as(bad).contains("/expires_at");
    }
    assertThat(ferry.admin(HttpMethod.GET, "/api-token", null).await().bodyAsJsonObject().getJsonArray("result")).hasSize(before);
  }
}
