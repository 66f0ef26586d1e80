package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /integrated-account/{id}/explain: the exact upstream request, secrets masked, nothing sent")
class ExplainTest extends ProxyTestBase {

  @Override
  void routes(FakeUpstream upstream) {
    upstream.router.get("/users").handler(ctx -> FakeUpstream.json(ctx, 200,
        new JsonObject().put("data", new JsonObject().put("users", new JsonArray().add(new JsonObject().put("id", 1))))));
  }

  @Test
  @DisplayName("explain names the URL the proxy then sends, masks the token, says where parts came from, sends nothing")
  void explainMatchesTheProxy() {
    String account = importAccount(oauthContext("sekrit-access-token-1", "sekrit-refresh-1", 3600), "oauth2", false);

    var r = ferry.admin(HttpMethod.GET, "/integrated-account/" + account + "/explain?resource=users&method=list&limit=5&status=open", null).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject explained = r.bodyAsJsonObject();
    assertThat(upstream.received).isEmpty();
    assertThat(r.bodyAsString()).doesNotContain("sekrit-access-token-1", "sekrit-refresh-1", "csecret");

    JsonObject request = explained.getJsonObject("request");
    assertThat(request.getString("method")).isEqualTo("GET");
    assertThat(request.getJsonObject("headers").getString("Authorization")).isEqualTo("Bearer ********");
    assertThat(explained.getJsonObject("sources").getString("base_url")).isEqualTo("integration.config: base_url");
    assertThat(explained.getJsonObject("sources").getString("path")).isEqualTo("integration.config: resources.users.list.path");
    assertThat(explained.getJsonObject("sources").getJsonObject("headers").getString("Accept")).isEqualTo("integration.config: headers.Accept");
    assertThat(explained.getJsonObject("pagination").getString("format")).isEqualTo("page");
    assertThat(explained.getJsonObject("token").getBoolean("refresh_before_call")).isFalse();
    assertThat(explained.getJsonObject("token").getBoolean("refresh_token_present")).isTrue();

    assertThat(proxy(HttpMethod.GET, "/proxy/users?limit=5&status=open", account, null).statusCode()).isEqualTo(200);
    FakeUpstream.Received sent = upstream.to("/users").get(0);
    assertThat(request.getString("url")).isEqualTo(upstream.base() + sent.path() + "?" + sent.query());
    assertThat(sent.authorization()).isEqualTo("Bearer sekrit-access-token-1");
  }

  @Test
  @DisplayName("an install override is named as the source of what it changes")
  void overrideIsNamed() {
    ferry.admin(HttpMethod.PATCH, "/environment-integration/" + installId, new JsonObject().put("override",
        new JsonObject().put("headers", new JsonObject().put("Accept", "application/vnd.acme+json")))).await();
    String account = importAccount(oauthContext("tok-override-1", null, 3600), "oauth2", false);
    JsonObject explained = ferry.admin(HttpMethod.GET, "/integrated-account/" + account + "/explain?resource=users&method=get&id=42", null)
        .await().bodyAsJsonObject();
    assertThat(explained.getJsonObject("request").getJsonObject("headers").getString("Accept")).isEqualTo("application/vnd.acme+json");
    assertThat(explained.getJsonObject("sources").getJsonObject("headers").getString("Accept"))
        .isEqualTo("environment_integration.override: headers.Accept");
    assertThat(explained.getJsonObject("request").getString("url")).endsWith("/users/42");
  }

  @Test
  @DisplayName("explain without a resource, or of an unknown one, is a 4xx naming it")
  void badQueries() {
    String account = importAccount(oauthContext("tok-bad-1", null, 3600), "oauth2", false);
    var missing = ferry.admin(HttpMethod.GET, "/integrated-account/" + account + "/explain", null).await();
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsString()).contains("/resource");
    var unknown = ferry.admin(HttpMethod.GET, "/integrated-account/" + account + "/explain?resource=nope", null).await();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsString()).contains("users");
  }
}
