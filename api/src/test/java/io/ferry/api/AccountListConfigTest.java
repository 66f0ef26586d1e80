package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("account lists share one parsed config per integration version, yet show every change at once")
class AccountListConfigTest {

  static JsonObject config(String baseUrl) {
    return new JsonObject().put("base_url", baseUrl).put("credentials", new JsonObject().put("format", "api_key"))
        .put("environment_variables", new JsonObject().put("signing_key", "SENTINEL_list_signing"));
  }

  @Test
  @DisplayName("a page lists the integration's and install's newest config, secrets masked, right after each PATCH")
  void listShowsNewestConfigMasked(Vertx vertx) {
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "listed")
          .put("config", config("https://one.example.test"))).await();
      String integrationId = created.bodyAsJsonObject().getString("id");
      String install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integrationId))
          .await().bodyAsJsonObject().getString("id");
      for (int i = 0; i < 3; i++) {
        var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t" + i)
            .put("environment_integration_id", install).put("authentication_method", "api_key")
            .put("context", new JsonObject().put("api_key", "SENTINEL_key_" + i))).await();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      }
      JsonArray before = page(ferry);
      assertThat(before).hasSize(3);
      assertThat(before.encode()).doesNotContain("SENTINEL");
      assertThat(before.getJsonObject(0).getJsonObject("integration").getJsonObject("config").getString("base_url"))
          .isEqualTo("https://one.example.test");
      // the next page is read without the config column (this version is opened in memory): the same answer
      assertThat(page(ferry)).isEqualTo(before);

      var patched = ferry.admin(HttpMethod.PATCH, "/integration/" + integrationId, new JsonObject()
          .put("version", created.bodyAsJsonObject().getInteger("version")).put("config", config("https://two.example.test"))).await();
      assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
      var overridden = ferry.admin(HttpMethod.PATCH, "/environment-integration/" + install, new JsonObject()
          .put("override", new JsonObject().put("environment_variables", new JsonObject().put("tenant_key", "SENTINEL_override")))).await();
      assertThat(overridden.statusCode()).as(overridden.bodyAsString()).isEqualTo(200);

      JsonArray after = page(ferry);
      assertThat(after.encode()).doesNotContain("SENTINEL");
      assertThat(page(ferry)).isEqualTo(after);
      for (int i = 0; i < 3; i++) {
        JsonObject a = after.getJsonObject(i);
        assertThat(a.getJsonObject("integration").getJsonObject("config").getString("base_url")).isEqualTo("https://two.example.test");
        assertThat(a.getJsonObject("environment_integration").getJsonObject("override").getJsonObject("environment_variables")
            .getString("tenant_key")).isEqualTo("********");
        assertThat(a.getJsonObject("context").getString("api_key")).isEqualTo("********");
      }
    } finally {
      ferry.stop().await();
    }
  }

  static JsonArray page(FerryServer ferry) {
    var r = ferry.admin(HttpMethod.GET, "/integrated-account?status=active", null).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("result");
  }
}
