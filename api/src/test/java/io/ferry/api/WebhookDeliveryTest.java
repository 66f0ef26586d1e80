package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("outbound webhooks: account events, signatures, retries, deactivation, nothing lost across a stop")
class WebhookDeliveryTest extends WebhookTestBase {

  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile boolean hang;

  @Override
  void receiver(FakeUpstream r) {
    r.router.post("/hooks").handler(ctx -> {
      if (hang) {
        return; // never answers: the delivery is in flight when Ferry stops
      }
      ctx.response().setStatusCode(failuresLeft.getAndDecrement() > 0 ? 500 : 200).end();
    });
  }

  JsonObject exampleImport() {
    return new JsonObject().put("tenant_id", "acme").put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "tok-secret"))));
  }

  String importExample() {
    String install = ferry.install("example").await();
    return ferry.admin(HttpMethod.POST, "/integrated-account", exampleImport().put("environment_integration_id", install))
        .await().bodyAsJsonObject().getString("id");
  }

  @Test
  @DisplayName("importing an account sends created and active, filtered by event_types, signed, credentials masked")
  void accountEvents() {
    JsonObject all = webhook(null);
    webhook(new JsonArray().add("integrated_account:active"));
    String id = importExample();
    eventually(() -> deliveries().size() >= 3, "three deliveries");
    vertx.timer(300).await();
    assertThat(deliveries()).hasSize(3);
    Set<String> seen = new HashSet<>();
    for (var d : deliveries()) {
      JsonObject body = new JsonObject(d.body());
      seen.add(body.getString("webhook_id") + "|" + body.getString("event"));
      assertThat(body.getJsonObject("payload").getString("id")).isEqualTo(id);
      assertThat(d.body()).doesNotContain("tok-secret");
      if (body.getString("webhook_id").equals(all.getString("id"))) {
        assertThat(d.headers().getString("x-truto-signature")).isEqualTo(truto(all.getString("secret"), d.body()));
      }
    }
    assertThat(seen).hasSize(3);
    var list = ferry.admin(HttpMethod.GET, "/webhook/" + all.getString("id") + "/deliveries", null).await().bodyAsJsonObject();
    assertThat(list.getJsonArray("result")).hasSize(2);
    assertThat(ferry.admin(HttpMethod.GET, "/webhook/" + all.getString("id"), null).await().bodyAsString()).doesNotContain(all.getString("secret"));
  }

  @Test
  @DisplayName("a failing target is retried with backoff until it answers 2xx; the attempts are logged")
  void retriesUntilDelivered() {
    failuresLeft.set(3);
    JsonObject hook = webhook(new JsonArray().add("integrated_account:created"));
    importExample();
    eventually(() -> deliveries().size() >= 4, "the fourth attempt");
    var attempts = deliveries();
    assertThat(attempts.get(3).at() - attempts.get(2).at()).as("backoff grows").isGreaterThanOrEqualTo(300);
    eventually(() -> ferry.admin(HttpMethod.GET, "/webhook/" + hook.getString("id") + "/deliveries", null).await()
        .bodyAsJsonObject().getJsonArray("result").size() == 4, "four logged attempts");
    JsonArray log = ferry.admin(HttpMethod.GET, "/webhook/" + hook.getString("id") + "/deliveries", null).await()
        .bodyAsJsonObject().getJsonArray("result");
    assertThat(log.getJsonObject(0).getInteger("status_code")).isEqualTo(200);
    assertThat(log.getJsonObject(3).getInteger("status_code")).isEqualTo(500);
  }

  @Test
  @DisplayName("POST /webhook/test sends a signed test event; a bad target URL is a 400; CRUD works")
  void crudAndTest() {
    JsonObject hook = webhook(null);
    var test = ferry.admin(HttpMethod.POST, "/webhook/test", new JsonObject().put("id", hook.getString("id"))).await();
    assertThat(test.bodyAsJsonObject().getBoolean("success")).isTrue();
    JsonObject event = new JsonObject(deliveries().get(0).body());
    assertThat(event.getString("event")).isEqualTo("test");
    assertThat(event.getJsonObject("payload")).isEqualTo(new JsonObject().put("foo", "bar"));
    assertThat(ferry.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url", "ftp://x.example")).await().statusCode()).isEqualTo(400);
    var patched = ferry.admin(HttpMethod.PATCH, "/webhook/" + hook.getString("id"), new JsonObject().put("is_active", false)).await();
    assertThat(patched.bodyAsJsonObject().getBoolean("is_active")).isFalse();
    assertThat(ferry.admin(HttpMethod.DELETE, "/webhook/" + hook.getString("id"), null).await().statusCode()).isEqualTo(200);
    assertThat(ferry.admin(HttpMethod.GET, "/webhook/" + hook.getString("id"), null).await().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("events accepted while the target hangs are all delivered after Ferry stops mid-flight and starts again")
  void nothingLostAcrossStop() {
    hang = true;
    webhook(new JsonArray().add("integrated_account:created"));
    String install = ferry.install("example").await();
    for (int i = 0; i < 5; i++) {
      ferry.admin(HttpMethod.POST, "/integrated-account", exampleImport().put("environment_integration_id", install)).await();
    }
    eventually(() -> deliveries().size() >= 5, "deliveries in flight");
    ferry.stop().await();
    hang = false;
    receiver.received.clear();
    ferry.startAgain().await();
    eventually(() -> deliveries().stream().map(d -> new JsonObject(d.body()).getString("id")).distinct().count() == 5,
        "all five events after the restart");
  }
}
