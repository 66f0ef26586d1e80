package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("outbox operations: cascaded deletes emit events, redeliver a time range, retry one delivery")
class WebhookOutboxApiTest extends WebhookTestBase {

  volatile long receiverDelay;

  @Override
  void receiver(FakeUpstream r) {
    r.router.post("/hooks").handler(ctx -> {
      if (receiverDelay > 0) {
        ctx.vertx().setTimer(receiverDelay, t -> ctx.response().setStatusCode(200).end());
      } else {
        ctx.response().setStatusCode(200).end();
      }
    });
  }

  JsonObject plain() {
    return new JsonObject().put("base_url", "https://api.example.test").put("credentials", new JsonObject().put("format", "api_key"));
  }

  Set<String> events(String type) {
    return deliveries().stream().map(d -> new JsonObject(d.body())).filter(e -> type.equals(e.getString("event")))
        .map(e -> e.getJsonObject("payload").getString("id")).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("deleting an install emits integrated_account:deleted for each account it cascades to")
  void cascadedDeleteEmitsEvents() {
    webhook(new JsonArray().add("integrated_account:deleted"));
    String install = install("cascade", plain());
    String first = account(install, new JsonObject().put("api_key", "a"));
    String second = account(install, new JsonObject().put("api_key", "b"));
    assertThat(ferry.admin(HttpMethod.DELETE, "/environment-integration/" + install, null).await().statusCode()).isEqualTo(200);
    eventually(() -> events("integrated_account:deleted").size() == 2, "two deleted events");
    assertThat(events("integrated_account:deleted")).containsExactlyInAnyOrder(first, second);
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + first, null).await().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("POST /webhook/{id}/redeliver {from, to} sends the range again; POST /webhook-delivery/{id}/retry one; bad input is 4xx")
  void redeliverAndRetry() {
    JsonObject hook = webhook(new JsonArray().add("integrated_account:created"));
    String id = hook.getString("id");
    String account = account(install("redeliver", plain()), new JsonObject().put("api_key", "a"));
    eventually(() -> events("integrated_account:created").contains(account), "the first delivery");
    // the receiver has it; wait for Ferry to record it (a row being sent is not re-queued)
    eventually(() -> ferry.admin(HttpMethod.GET, "/webhook/" + id + "/deliveries", null).await().bodyAsJsonObject()
        .getJsonArray("result").size() == 1, "the delivery log");
    String from = Instant.now().minusSeconds(60).toString();
    var redeliver = ferry.admin(HttpMethod.POST, "/webhook/" + id + "/redeliver", new JsonObject().put("from", from)).await();
    assertThat(redeliver.statusCode()).as(redeliver.bodyAsString()).isEqualTo(202);
    assertThat(redeliver.bodyAsJsonObject().getInteger("queued")).isEqualTo(1);
    eventually(() -> deliveries().size() == 2, "the redelivery");

    var log = ferry.admin(HttpMethod.GET, "/webhook/" + id + "/deliveries", null).await().bodyAsJsonObject().getJsonArray("result");
    String deliveryId = log.getJsonObject(0).getString("id");
    var retry = ferry.admin(HttpMethod.POST, "/webhook-delivery/" + deliveryId + "/retry", null).await();
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(202);
    eventually(() -> deliveries().size() == 3, "the retried delivery");
    assertThat(deliveries().stream().map(d -> new JsonObject(d.body()).getString("id")).distinct().count()).as("the same event each time").isEqualTo(1);

    var noFrom = ferry.admin(HttpMethod.POST, "/webhook/" + id + "/redeliver", new JsonObject().put("to", from)).await();
    assertThat(noFrom.statusCode()).isEqualTo(400);
    assertThat(noFrom.bodyAsString()).contains("/from");
    var badDate = ferry.admin(HttpMethod.POST, "/webhook/" + id + "/redeliver", new JsonObject().put("from", "yesterday")).await();
    assertThat(badDate.statusCode()).isEqualTo(400);
    var overflowing = ferry.admin(HttpMethod.POST, "/webhook/" + id + "/redeliver",
        new JsonObject().put("from", "+999999999-01-01T00:00:00Z")).await();
    assertThat(overflowing.statusCode()).as(overflowing.bodyAsString()).isEqualTo(400);
    assertThat(overflowing.bodyAsString()).contains("/from");
    assertThat(ferry.admin(HttpMethod.POST, "/webhook-delivery/nope/retry", null).await().statusCode()).isEqualTo(404);
    assertThat(ferry.admin(HttpMethod.POST, "/webhook/nope/redeliver", new JsonObject().put("from", from)).await().statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("stop() lets a delivery being sent finish and records it: after a restart it is not sent again")
  void stopDoesNotHandBackInFlightClaims() {
    webhook(new JsonArray().add("integrated_account:created"));
    receiverDelay = 1_500;
    account(install("in-flight", plain()), new JsonObject().put("api_key", "a"));
    eventually(() -> deliveries().size() == 1, "the delivery to be in flight");
    ferry.stop().await(); // returns only after the in-flight delivery was answered and recorded
    receiverDelay = 0;
    ferry.startAgain().await();
    vertx.timer(2_500).await();
    assertThat(deliveries()).as("sent once, not handed back and sent again").hasSize(1);
  }
}
