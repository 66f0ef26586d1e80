package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Ferry and a fake upstream with an OAuth token endpoint, and an integration pointing at it: the seed's shape
 * (bearer auth, page pagination, rate_limit with the seed's bare header names, error_expression).
 */
abstract class ProxyTestBase {

  Vertx vertx;
  FerryServer ferry;
  FakeUpstream upstream;
  String installId;

  @BeforeEach
  void startAll(Vertx vertx) {
    this.vertx = vertx;
    upstream = new FakeUpstream(vertx);
    routes(upstream);
    upstream.start(vertx).await();
    ferry = FerryServer.start(vertx, options()).await();
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "acme")
        .put("category", "crm").put("config", config(upstream.base()))).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    installId = ferry.admin(HttpMethod.POST, "/environment-integration",
        new JsonObject().put("integration_id", created.bodyAsJsonObject().getString("id"))).await().bodyAsJsonObject().getString("id");
  }

  @AfterEach
  void stopAll() {
    ferry.stop().await();
  }

  io.ferry.engine.config.FerryOptions options() {
    return FerryServer.options(null).withProxyTimeoutMillis(1_500);
  }

  /** Routes the fake upstream serves for this test. */
  abstract void routes(FakeUpstream upstream);

  JsonObject config(String base) {
    return new JsonObject("""
        {
          "base_url": "%s",
          "headers": {"Accept": "application/json"},
          "credentials": {"oauth2": {"format": "oauth2", "config": {
            "client": {"id": "cid", "secret": "csecret"},
            "auth": {"tokenHost": "%s", "tokenPath": "/oauth/token"},
            "options": {"authorizationMethod": "header", "bodyFormat": "form"}}},
            "api_key": {"format": "api_key", "config": {"fields": [{"name": "api_key", "type": "password", "required": true}]}}},
          "pagination": {"format": "page", "config": {"page_key": "page", "limit_key": "per_page"}},
          "rate_limit": {"is_rate_limited": true, "retry_after_header_expression": "Retry-After",
            "rate_limit_header_expression": "X-RateLimit-Remaining", "rate_limit_reset_expression": "X-RateLimit-Reset"},
          "error_expression": "{{response.error}}",
          "resources": {
            "users": {
              "list": {"path": "/users", "response_path": "data.users"},
              "get": {"path": "/users/{{id}}", "response_path": "data"},
              "create": {"method": "post", "path": "/users"},
              "update": {"method": "patch", "path": "/users/{{id}}"},
              "delete": {"method": "delete", "path": "/users/{{id}}"},
              "deactivate": {"method": "post", "path": "/users/{{body.id}}/deactivate"}
            },
            "flaky": {"list": {"path": "/flaky", "pagination": null}, "create": {"method": "post", "path": "/flaky"}},
            "slow": {"list": {"path": "/slow", "pagination": null}},
            "quota": {"list": {"path": "/quota", "pagination": null}}
          }
        }""".formatted(base, base));
  }

  JsonObject oauthContext(String access, String refresh, long expiresIn) {
    JsonObject token = new JsonObject().put("access_token", access).put("expires_in", expiresIn);
    if (refresh != null) {
      token.put("refresh_token", refresh);
    }
    return new JsonObject().put("oauth", new JsonObject().put("token", token));
  }

  String importAccount(JsonObject context, String method, boolean sandbox) {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t1")
        .put("environment_integration_id", installId).put("authentication_method", method)
        .put("context", context).put("is_sandbox", sandbox)).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  HttpResponse<Buffer> proxy(HttpMethod method, String path, String accountId, Object body) {
    String sep = path.contains("?") ? "&" : "?";
    return ferry.admin(method, path + sep + "integrated_account_id=" + accountId, body).await();
  }

  JsonObject account(String id) {
    return ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().bodyAsJsonObject();
  }
}
