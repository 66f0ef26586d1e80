package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Ferry nodes (each its own Vert.x and pool) on one PostgreSQL: the same signed deliveries posted to both at
 * once are stored once each, because the delivery id is de-duplicated in the database, in the events' transaction.
 */
@ExtendWith(VertxExtension.class)
class InboundDedupTwoNodesTest {
  Vertx second;
  FerryServer a;
  FerryServer b;

  @AfterEach
  void stop() {
    if (a != null) {
      a.stop().await();
    }
    if (b != null) {
      b.stop().await();
    }
    if (second != null) {
      second.close().await();
    }
  }

  static FerryOptions options(String url, String key) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("ferry-node").toString(),
        "FERRY_HTTP_PORT", "0", "FERRY_PROXY_ALLOW_PRIVATE", "true", "FERRY_ENCRYPTION_KEY", key,
        "FERRY_WEBHOOK_RETRY_BASE_MS", "100"));
    return FerryOptions.from(env).withDatabaseUrl(url).withApiToken(FerryServer.ADMIN_TOKEN)
        .withIntegrationsDir(FerryServer.catalogDir());
  }

  @Test
  @DisplayName("the same 12 signed deliveries posted concurrently to both nodes, 4 times each: 12 events stored, all answered 200")
  void sameDeliveryOnTwoNodesStoredOnce(Vertx vertx) throws Exception {
    String url = TestDatabases.postgresUrl();
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String key = Base64.getEncoder().encodeToString(raw);
    a = FerryServer.start(vertx, options(url, key)).await();
    second = Vertx.vertx();
    b = FerryServer.start(second, options(url, key)).await();

    FakeUpstream receiver = new FakeUpstream(vertx);
    receiver.router.post("/hooks").handler(ctx -> ctx.response().setStatusCode(200).end());
    receiver.start(vertx).await();
    a.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url", receiver.base() + "/hooks")
        .put("event_types", new JsonArray().add("record:*"))).await();
    JsonObject config = new JsonObject(InboundWebhookV2Test.config("""
        {"signature_verification": {"format": "hmac", "config": {"secret": "{{webhook_secret}}", "parts": ["$body"],
          "header": "x-sig", "delivery_id": "$header.x-delivery"}},
         "payload_transform": "{ 'event_type': 'created', 'payload': body }"}""").encode());
    String integration = a.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "two-nodes").put("config", config))
        .await().bodyAsJsonObject().getString("id");
    String install = a.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration))
        .await().bodyAsJsonObject().getString("id");
    String account = a.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", install).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("webhook_secret", "k"))).await().bodyAsJsonObject().getString("id");

    WebClient client = WebClient.create(vertx);
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int copy = 0; copy < 4; copy++) {
      for (int d = 0; d < 12; d++) {
        String body = "{\"n\":" + d + "}";
        for (FerryServer node : List.of(a, b)) {
          posts.add(client.post(node.ferry().port(), "localhost", "/integrated-account-webhook/" + account)
              .putHeader("x-sig", InboundWebhookV2Test.hex("k", body)).putHeader("x-delivery", "evt-" + d)
              .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)));
        }
      }
    }
    Future.join(posts).await();
    assertThat(posts).allSatisfy(p -> assertThat(p.result().statusCode()).isEqualTo(200));
    for (int i = 0; i < 200 && receiver.to("/hooks").stream().filter(r -> r.body().contains("record:created")).count() < 12; i++) {
      vertx.timer(50).await();
    }
    vertx.timer(1_000).await();
    List<String> payloads = receiver.to("/hooks").stream().filter(r -> r.body().contains("record:created"))
        .map(r -> new JsonObject(r.body()).getJsonObject("payload").getJsonObject("payload").encode()).toList();
    assertThat(payloads).hasSize(12).doesNotHaveDuplicates();
  }
}
