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
class WebhookDeactivationTest extends WebhookTestBase {

  @Override
  io.ferry.engine.config.FerryOptions options() {
    return FerryServer.options(null).withWebhookTiming(50, 400);
  }

  @Override
  void receiver(FakeUpstream r) {
    r.router.post("/hooks").handler(ctx -> ctx.response().setStatusCode(503).end());
  }

  @Test
  @DisplayName("a target failing for longer than the limit is deactivated, with an entry in its delivery log")
  void failingTargetDeactivated() {
    JsonObject hook = webhook(new JsonArray().add("integrated_account:created"));
    String install = ferry.install("example").await();
    ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t").put("authentication_method", "oauth2")
        .put("environment_integration_id", install)
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "x"))))).await();
    eventually(() -> !ferry.admin(HttpMethod.GET, "/webhook/" + hook.getString("id"), null).await().bodyAsJsonObject()
        .getBoolean("is_active"), "deactivation");
    JsonArray log = ferry.admin(HttpMethod.GET, "/webhook/" + hook.getString("id") + "/deliveries", null).await()
        .bodyAsJsonObject().getJsonArray("result");
    assertThat(log.stream().map(o -> ((JsonObject) o).getString("event"))).contains("webhook:deactivated");
    assertThat(log.stream().filter(o -> ((JsonObject) o).getInteger("status_code") != null)).allSatisfy(o ->
        assertThat(((JsonObject) o).getInteger("status_code")).isEqualTo(503));
  }
}
