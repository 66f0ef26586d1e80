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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class IntegrationApiTest {

  FerryServer ferry;

  @BeforeEach
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
  }

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  JsonObject create(String name) {
    var r = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", name).put("category", "crm")
        .put("config", new JsonObject().put("base_url", "https://api.acme.test").put("headers", new JsonObject().put("Accept", "application/json"))))
        .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("PATCH deep-merges config, needs the current version, and answers 409 on a stale one")
  void patchMergesWithOptimisticLocking() {
    JsonObject created = create("acme");
    String id = created.getString("id");
    var patched = ferry.admin(HttpMethod.PATCH, "/integration/" + id, new JsonObject().put("version", 1)
        .put("config", new JsonObject().put("headers", new JsonObject().put("X-Extra", "1")))).await();
    assertThat(patched.statusCode()).isEqualTo(200);
    JsonObject headers = patched.bodyAsJsonObject().getJsonObject("config").getJsonObject("headers");
    assertThat(headers.getString("Accept")).isEqualTo("application/json");
    assertThat(headers.getString("X-Extra")).isEqualTo("1");
    assertThat(patched.bodyAsJsonObject().getInteger("version")).isEqualTo(2);

    var stale = ferry.admin(HttpMethod.PATCH, "/integration/" + id, new JsonObject().put("version", 1).put("category", "x")).await();
    assertThat(stale.statusCode()).isEqualTo(409);
    var noVersion = ferry.admin(HttpMethod.PATCH, "/integration/" + id, new JsonObject().put("category", "x")).await();
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noVersion.bodyAsString()).contains("/version");
  }

  @Test
  @DisplayName("a config that breaks the schema is refused with the JSON pointer of the fault")
  void badConfigNamesPointer() {
    var r = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "broken")
        .put("config", new JsonObject().put("pagination", new JsonObject().put("format", "pages")))).await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("details").getJsonArray("failures").getJsonObject(0).getString("pointer"))
        .isEqualTo("/config/pagination/format");
  }

  @Test
  @DisplayName("an expression that does not parse is refused at save time with its pointer")
  void badExpressionNamesPointer() {
    var r = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "broken")
        .put("config", new JsonObject().put("error_expression", "status = = 500"))).await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("details").getJsonArray("failures").getJsonObject(0).getString("pointer"))
        .isEqualTo("/config/error_expression");
  }

  @Test
  @DisplayName("GET filters by name, DELETE removes, duplicate names conflict")
  void listGetDelete() {
    String id = create("acme").getString("id");
    assertThat(ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "acme").put("config", new JsonObject()))
        .await().statusCode()).isEqualTo(409);
    assertThat(ferry.admin(HttpMethod.GET, "/integration?name=acme", null).await().bodyAsJsonObject().getJsonArray("result")).hasSize(1);
    assertThat(ferry.admin(HttpMethod.DELETE, "/integration/" + id, null).await().statusCode()).isEqualTo(200);
    assertThat(ferry.admin(HttpMethod.GET, "/integration/" + id, null).await().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("installing twice answers the same install; PATCH replaces the override wholesale")
  void installIsIdempotent() {
    String id = create("acme").getString("id");
    JsonObject body = new JsonObject().put("integration_id", id).put("override", new JsonObject().put("base_url", "https://eu.acme.test")
        .put("headers", new JsonObject().put("X-A", "1")));
    String first = ferry.admin(HttpMethod.POST, "/environment-integration", body).await().bodyAsJsonObject().getString("id");
    String second = ferry.admin(HttpMethod.POST, "/environment-integration", body).await().bodyAsJsonObject().getString("id");
    assertThat(second).isEqualTo(first);
    JsonObject patched = ferry.admin(HttpMethod.PATCH, "/environment-integration/" + first,
        new JsonObject().put("override", new JsonObject().put("headers", new JsonObject().put("X-B", "2")))).await().bodyAsJsonObject();
    assertThat(patched.getJsonObject("override")).isEqualTo(new JsonObject().put("headers", new JsonObject().put("X-B", "2")));
  }

  @Test
  @DisplayName("a bad catalog file stops startup with the file name and the JSON pointer")
  void badCatalogFileStopsStartup(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("catalog");
    Files.writeString(dir.resolve("broken.json"), "{\"base_url\": \"https://x\", \"rate_limit\": {\"is_rate_limited\": 5}}");
    var options = FerryServer.options(null).withIntegrationsDir(dir.toString());
    assertThatThrownBy(() -> FerryServer.start(vertx, options).await())
        .hasMessageContaining(dir.resolve("broken.json").toString())
        .hasMessageContaining("/rate_limit/is_rate_limited");
  }
}
