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
@DisplayName("post_install and validation actions decide the account's status")
class LifecycleActionsTest extends ProxyTestBase {

  volatile boolean validationFails;

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/me").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("org", new JsonObject().put("id", "org-42"))));
    up.router.get("/ping").handler(ctx -> FakeUpstream.json(ctx, validationFails ? 403 : 200, new JsonObject().put("error", validationFails ? "forbidden" : null)));
    up.router.post("/sync").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("synced", ctx.body().asJsonObject())));
  }

  @Override
  JsonObject config(String base) {
    JsonObject config = super.config(base);
    config.put("actions", new JsonObject()
        .put("post_install", new JsonObject().put("steps", new JsonArray()
            .add(new JsonObject().put("type", "request").put("config", new JsonObject().put("method", "get").put("path", "/me")))
            .add(new JsonObject().put("type", "update_context").put("expression", "{ \"org_id\": $previous.org.id }"))))
        .put("validation", new JsonObject().put("type", "request").put("config", new JsonObject().put("path", "/ping")
            .put("query", new JsonObject().put("org", "{{org_id}}"))))
        .put("sync_users", new JsonObject().put("type", "request").put("config", new JsonObject().put("method", "post")
            .put("path", "/sync").put("body", new JsonObject().put("org", "{{context.org_id}}").put("users", "{{body.users}}")))));
    return config;
  }

  JsonObject awaitStatus(String id) {
    for (int i = 0; i < 100; i++) {
      JsonObject a = account(id);
      if (!"connecting".equals(a.getString("status"))) {
        return a;
      }
      vertx.timer(50).await();
    }
    throw new AssertionError("account stayed connecting");
  }

  @Test
  @DisplayName("import → connecting → post_install updates the context → validation passes → active")
  void activeAfterActions() {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", installId).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("api_key", "k"))).await();
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("connecting");
    JsonObject account = awaitStatus(r.bodyAsJsonObject().getString("id"));
    assertThat(account.getString("status")).isEqualTo("active");
    assertThat(account.getJsonObject("context").getString("org_id")).isEqualTo("org-42");
    assertThat(account.getJsonObject("last_action_result").getJsonObject("validation").getBoolean("ok")).isTrue();
    assertThat(upstream.to("/ping").get(0).query()).isEqualTo("org=org-42");
    assertThat(upstream.to("/me").get(0).authorization()).isEqualTo("Bearer k");
  }

  @Test
  @DisplayName("a failing validation leaves validation_error with last_error; rerunning after a fix makes it active")
  void validationError() {
    validationFails = true;
    String id = importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
    JsonObject account = awaitStatus(id);
    assertThat(account.getString("status")).isEqualTo("validation_error");
    assertThat(account.getString("last_error")).contains("forbidden");

    validationFails = false;
    var rerun = ferry.admin(HttpMethod.POST, "/integrated-account/run-post-install-actions", new JsonObject().put("id", id)).await();
    assertThat(rerun.bodyAsJsonObject().getBoolean("success")).isTrue();
    assertThat(account(id).getString("status")).isEqualTo("active");
  }

  @Test
  @DisplayName("a custom action runs through POST /proxy/_/{action} with the account's context")
  void customAction() {
    String id = importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
    awaitStatus(id);
    var r = proxy(HttpMethod.POST, "/proxy/_/sync_users", id, new JsonObject().put("users", new JsonArray().add("a")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("synced"))
        .isEqualTo(new JsonObject().put("org", "org-42").put("users", new JsonArray().add("a")));
    assertThat(proxy(HttpMethod.POST, "/proxy/_/nothing", id, new JsonObject()).statusCode()).isEqualTo(404);
  }
}
