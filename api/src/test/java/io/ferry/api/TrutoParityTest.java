package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Truto's documented admin endpoints answer in Truto's shapes")
class TrutoParityTest {

  FerryServer ferry;
  String install;

  @BeforeAll
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    install = ferry.install("example").await();
  }

  @AfterAll
  void stop() {
    ferry.stop().await();
  }

  private String importAccount(String tenant) {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", tenant)
        .put("environment_integration_id", install).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "t")))))
        .await();
    assertThat(r.statusCode()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  @Test
  @DisplayName("GET /team lists the one team; PATCH /team/{id} renames it (admin only)")
  void team() {
    JsonObject list = ferry.admin(HttpMethod.GET, "/team", null).await().bodyAsJsonObject();
    JsonObject team = list.getJsonArray("result").getJsonObject(0);
    assertThat(team.fieldNames()).contains("id", "name", "created_at", "updated_at");
    assertThat(ferry.admin(HttpMethod.GET, "/team/" + team.getString("id"), null).await().bodyAsJsonObject())
        .isEqualTo(team);
    var renamed = ferry.admin(HttpMethod.PATCH, "/team/" + team.getString("id"), new JsonObject().put("name", "acme")).await();
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("name")).isEqualTo("acme");
    assertThat(ferry.admin(HttpMethod.GET, "/team/not-a-team", null).await().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("PATCH /environment/{id} renames; a bad body is a 400 naming the field")
  void environmentPatch() {
    String env = ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", "staging")).await()
        .bodyAsJsonObject().getString("id");
    var r = ferry.admin(HttpMethod.PATCH, "/environment/" + env, new JsonObject().put("name", "production")).await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("name")).isEqualTo("production");
    var bad = ferry.admin(HttpMethod.PATCH, "/environment/" + env, new JsonObject().put("name", 7)).await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("/name");
    assertThat(ferry.admin(HttpMethod.PATCH, "/environment/nope", new JsonObject().put("name", "x")).await().statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("bulk-delete by ids deletes those accounts and skips unknown ids")
  void bulkDeleteByIds() {
    String a = importAccount("bulk-ids");
    String b = importAccount("bulk-ids");
    String keep = importAccount("bulk-ids");
    var r = ferry.admin(HttpMethod.POST, "/integrated-account/bulk-delete",
        new JsonObject().put("ids", new JsonArray().add(a).add(b).add("00000000-0000-0000-0000-000000000000"))).await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getBoolean("success")).isTrue();
    assertThat(r.bodyAsJsonObject().getInteger("deleted_count")).isEqualTo(2);
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + a, null).await().statusCode()).isEqualTo(404);
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + keep, null).await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("bulk-delete by tenant_id deletes every account of that tenant and no other")
  void bulkDeleteByTenant() {
    for (int i = 0; i < 5; i++) {
      importAccount("bulk-tenant");
    }
    String other = importAccount("bulk-other");
    var r = ferry.admin(HttpMethod.POST, "/integrated-account/bulk-delete", new JsonObject().put("tenant_id", "bulk-tenant")).await();
    assertThat(r.bodyAsJsonObject().getInteger("deleted_count")).isEqualTo(5);
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=bulk-tenant", null).await().bodyAsJsonObject()
        .getJsonArray("result")).isEmpty();
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + other, null).await().statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("an integration saved with a typo (token_url) is a 400 naming the pointer and the nearest key")
  void typoInAConfigIsRefusedOnSave() {
    var r = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "typo_crm").put("config", new JsonObject("""
        {"base_url": "https://api.example.com", "credentials": {"format": "oauth2", "config": {
          "client": {"id": "a", "secret": "b"}, "auth": {"tokenHost": "https://auth.example.com", "token_url": "/token"}}}}"""))).await();
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject failure = r.bodyAsJsonObject().getJsonObject("details").getJsonArray("failures").getJsonObject(0);
    assertThat(failure.getString("pointer")).isEqualTo("/config/credentials/config/auth/token_url");
    assertThat(failure.getString("reason")).contains("tokenPath");
    assertThat(ferry.admin(HttpMethod.GET, "/integration?name=typo_crm", null).await().bodyAsJsonObject()
        .getJsonArray("result")).isEmpty();
  }

  @Test
  @DisplayName("a context value in Truto's object-store wrapper is stored as its data; the account lists no offloaded fields")
  void objectStoreWrapper() {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "big")
        .put("environment_integration_id", install).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "t")))
            .put("catalog", new JsonObject().put("truto_obj_store", true).put("data", new JsonObject().put("items", 3))))).await();
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject account = r.bodyAsJsonObject();
    assertThat(account.getJsonObject("context").getJsonObject("catalog")).isEqualTo(new JsonObject().put("items", 3));
    assertThat(account.getJsonArray("object_store_context_fields")).isEmpty();
  }

  @Test
  @DisplayName("bulk-delete with neither ids nor tenant_id is a 400")
  void bulkDeleteNeedsASelector() {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account/bulk-delete", new JsonObject()).await();
    assertThat(r.statusCode()).isEqualTo(400);
    var both = ferry.admin(HttpMethod.POST, "/integrated-account/bulk-delete",
        new JsonObject().put("ids", new JsonArray().add("x")).put("tenant_id", "t")).await();
    assertThat(both.statusCode()).isEqualTo(400);
  }
}
