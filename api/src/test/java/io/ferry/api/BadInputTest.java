package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad import gets a 4xx naming the field and the reason, and nothing is stored. */
@ExtendWith(VertxExtension.class)
class BadInputTest {

  static FerryServer ferry;
  static String installId;

  @BeforeAll
  static void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    installId = ferry.install("example").await();
  }

  @AfterAll
  static void stop() {
    ferry.stop().await();
  }

  JsonObject valid() {
    return new JsonObject().put("tenant_id", "acme-1").put("environment_integration_id", installId)
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "x"))))
        .put("authentication_method", "oauth2");
  }

  void rejected(Object body, int status, String pointer, String reasonPart) {
    var response = ferry.admin(HttpMethod.POST, "/integrated-account", body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject error = response.bodyAsJsonObject();
    assertThat(error.getInteger("statusCode")).isEqualTo(status);
    assertThat(error.getString("error")).isNotBlank();
    if (pointer != null) {
      JsonObject failure = error.getJsonObject("details").getJsonArray("failures").getJsonObject(0);
      assertThat(failure.getString("pointer")).isEqualTo(pointer);
      assertThat(failure.getString("reason")).containsIgnoringCase(reasonPart);
    }
    var list = ferry.admin(HttpMethod.GET, "/integrated-account", null).await().bodyAsJsonObject();
    assertThat(list.getJsonArray("result")).as("nothing half-written").isEmpty();
  }

  @Test
  @DisplayName("malformed JSON is a 400 about the body")
  void malformedJson() {
    rejected("{\"tenant_id\": ", 400, "", "malformed JSON");
  }

  @Test
  @DisplayName("a JSON array body is a 400")
  void nonObjectBody() {
    rejected("[1,2]", 400, "", "JSON object");
  }

  @Test
  @DisplayName("a wrongly typed field is named with its pointer")
  void wrongType() {
    rejected(valid().put("tenant_id", 42), 400, "/tenant_id", "string");
  }

  @Test
  @DisplayName("a missing required field is named")
  void missingField() {
    JsonObject body = valid();
    body.remove("tenant_id");
    rejected(body, 400, "/tenant_id", "required");
  }

  @Test
  @DisplayName("an unknown field is named")
  void unknownField() {
    rejected(valid().put("tennant_id", "x"), 400, "/tennant_id", "not a known field");
  }

  @Test
  @DisplayName("an unknown environment_integration_id is named")
  void unknownInstall() {
    rejected(valid().put("environment_integration_id", "00000000-0000-0000-0000-000000000000"), 400,
        "/environment_integration_id", "no environment integration");
  }

  @Test
  @DisplayName("an authentication_method the integration does not offer is named")
  void methodNotOffered() {
    rejected(valid().put("authentication_method", "api_key"), 400, "/authentication_method", "offers oauth2");
  }

  @Test
  @DisplayName("a region outside wnam|enam|apac|eu is named")
  void badRegion() {
    rejected(valid().put("region", "mars"), 400, "/region", "wnam");
  }

  @Test
  @DisplayName("a non-object context is named")
  void contextNotObject() {
    rejected(valid().put("context", "oauth"), 400, "/context", "object");
  }

  @Test
  @DisplayName("an oauth2 import without an access token is named")
  void oauthWithoutToken() {
    rejected(valid().put("context", new JsonObject()), 400, "/context/oauth/token", "required");
  }

  @Test
  @DisplayName("a non-numeric expires_in is named")
  void badExpiresIn() {
    JsonObject body = valid();
    body.getJsonObject("context").getJsonObject("oauth").getJsonObject("token").put("expires_in", "soon");
    rejected(body, 400, "/context/oauth/token/expires_in", "number");
  }

  @Test
  @DisplayName("a body over 1 MiB is a 413")
  void tooLarge() {
    String big = "{\"tenant_id\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    rejected(Buffer.buffer(big), 413, null, null);
  }

  @Test
  @DisplayName("a bad list cursor and a bad limit are 400s naming the parameter")
  void badListParameters() {
    var cursor = ferry.admin(HttpMethod.GET, "/integrated-account?next_cursor=garbage!!", null).await();
    assertThat(cursor.statusCode()).isEqualTo(400);
    assertThat(cursor.bodyAsString()).contains("/next_cursor");
    var limit = ferry.admin(HttpMethod.GET, "/integrated-account?limit=-3", null).await();
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(limit.bodyAsString()).contains("/limit");
  }

  @Test
  @DisplayName("an unknown route is a JSON 404 and a missing token a 401")
  void unknownRouteAndNoToken() {
    var none = ferry.admin(HttpMethod.GET, "/nothing-here", null).await();
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(404);
    var anonymous = ferry.call(HttpMethod.GET, "/integrated-account", null, null).await();
    assertThat(anonymous.statusCode()).isEqualTo(401);
    var forged = ferry.call(HttpMethod.GET, "/integrated-account", "fry_forged", null).await();
    assertThat(forged.statusCode()).isEqualTo(401);
  }
}
