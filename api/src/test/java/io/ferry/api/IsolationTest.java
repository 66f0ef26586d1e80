package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("environments are isolated: another environment's objects are 404, never visible")
class IsolationTest {

  FerryServer ferry;

  @BeforeEach
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
  }

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  @Test
  @DisplayName("a token of environment B cannot read, list, change or delete environment A's account")
  void otherEnvironmentSeesNothing() {
    String installA = ferry.install("example").await();
    JsonObject account = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "a")
        .put("environment_integration_id", installA).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "t")))))
        .await().bodyAsJsonObject();

    String envB = ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", "staging")).await()
        .bodyAsJsonObject().getString("id");
    var tokenResponse = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", envB).put("name", "ci")).await();
    assertThat(tokenResponse.statusCode()).isEqualTo(201);
    String tokenB = tokenResponse.bodyAsJsonObject().getString("token");
    String id = account.getString("id");

    assertThat(ferry.call(HttpMethod.GET, "/integrated-account/" + id, tokenB, null).await().statusCode()).isEqualTo(404);
    assertThat(ferry.call(HttpMethod.PATCH, "/integrated-account/" + id, tokenB, new JsonObject().put("tenant_id", "x"))
        .await().statusCode()).isEqualTo(404);
    assertThat(ferry.call(HttpMethod.DELETE, "/integrated-account/" + id, tokenB, null).await().statusCode()).isEqualTo(404);
    assertThat(ferry.call(HttpMethod.GET, "/integrated-account", tokenB, null).await().bodyAsJsonObject()
        .getJsonArray("result")).isEmpty();
    assertThat(ferry.call(HttpMethod.GET, "/environment-integration/" + installA, tokenB, null).await().statusCode()).isEqualTo(404);
    var importIntoA = ferry.call(HttpMethod.POST, "/integrated-account", tokenB, new JsonObject().put("tenant_id", "b")
        .put("environment_integration_id", installA).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "t"))))).await();
    assertThat(importIntoA.statusCode()).isEqualTo(400);
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("only the admin token creates environments and API tokens")
  void onlyAdminCreatesTokens() {
    String env = ferry.admin(HttpMethod.GET, "/environment", null).await().bodyAsJsonObject().getJsonArray("result")
        .getJsonObject(0).getString("id");
    String token = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", env).put("name", "app"))
        .await().bodyAsJsonObject().getString("token");
    assertThat(ferry.call(HttpMethod.POST, "/environment", token, new JsonObject().put("name", "x")).await().statusCode()).isEqualTo(403);
    assertThat(ferry.call(HttpMethod.POST, "/api-token", token, new JsonObject().put("environment_id", env).put("name", "y"))
        .await().statusCode()).isEqualTo(403);
    assertThat(ferry.admin(HttpMethod.GET, "/api-token", null).await().bodyAsString()).doesNotContain(token);
  }

  @Test
  @DisplayName("an expired API token is a 401")
  void expiredToken() {
    String env = ferry.admin(HttpMethod.GET, "/environment", null).await().bodyAsJsonObject().getJsonArray("result")
        .getJsonObject(0).getString("id");
    String token = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", env).put("name", "old")
        .put("expires_at", "2001-01-01T00:00:00Z")).await().bodyAsJsonObject().getString("token");
    assertThat(ferry.call(HttpMethod.GET, "/integrated-account", token, null).await().statusCode()).isEqualTo(401);
  }
}
