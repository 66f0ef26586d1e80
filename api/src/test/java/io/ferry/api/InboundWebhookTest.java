package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("inbound webhooks: GitHub- and Slack-style configs verify, handshake, route and deliver signed events")
class InboundWebhookTest extends WebhookTestBase {

  static final String GITHUB_SIG = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  JsonObject githubConfig() {
    return new JsonObject("""
        {"base_url": "https://api.github.com",
         "credentials": {"format": "api_key", "config": {"fields": [{"name": "webhook_secret", "type": "password"}]}},
         "webhook": {
           "signature_verification": {"format": "hmac", "config": {"algorithm": "sha256", "secret": "{{webhook_secret}}",
             "parts": ["$body"], "encoding": "hex", "header": "x-hub-signature-256", "prefix": "sha256=",
             "delivery_id": "$header.x-github-delivery"}},
           "payload_transform": "{ \\"event_type\\": headers.`x-github-event` = 'ping' ? 'ping' : 'updated', \\"resource\\": 'repository', \\"payload\\": { \\"raw\\": body } }"
         }}""");
  }

  JsonObject slackConfig() {
    return new JsonObject("""
        {"base_url": "https://slack.com/api",
         "credentials": {"format": "api_key", "config": {"fields": [{"name": "signing_secret", "type": "password"}]}},
         "webhook": {
           "handle_verification": "$exists(body.challenge) ? {\\"status\\": 200, \\"body\\": body.challenge} : null",
           "signature_verification": {"format": "hmac", "config": {"algorithm": "sha256", "secret": "{{signing_secret}}",
             "parts": ["v0:", "$header.x-slack-request-timestamp", ":", "$body"], "encoding": "hex",
             "header": "x-slack-signature", "prefix": "v0=", "timestamp": "$header.x-slack-request-timestamp",
             "tolerance_seconds": 300}},
           "context_lookup_field_name": "team_id",
           "context_lookup_field_value": "body.team_id",
           "payload_transform": "body.event.{ \\"event_type\\": 'created', \\"resource\\": 'message', \\"payload\\": $ }"
         }}""");
  }

  @Test
  @DisplayName("GitHub: the documented request is accepted and the receiver gets a signed record event; tampered is 401")
  void githubStyle() {
    JsonObject hook = webhook(null);
    String account = account(install("gh-style", githubConfig()), new JsonObject().put("webhook_secret", "It's a Secret to Everybody"));
    var ok = post("/integrated-account-webhook/" + account, "Hello, World!",
        Map.of("X-Hub-Signature-256", GITHUB_SIG, "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1"));
    assertThat(ok.statusCode()).isEqualTo(200);
    var tampered = post("/integrated-account-webhook/" + account, "Hello, World?", Map.of("X-Hub-Signature-256", GITHUB_SIG));
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.bodyAsJsonObject().getString("message")).isEqualTo("webhook verification failed");
    var unsigned = post("/integrated-account-webhook/" + account, "Hello, World!", Map.of());
    assertThat(unsigned.bodyAsString()).isEqualTo(tampered.bodyAsString());

    eventually(() -> deliveries().stream().anyMatch(d -> d.body().contains("record:updated")), "the record event");
    var delivery = deliveries().stream().filter(d -> d.body().contains("record:updated")).findFirst().orElseThrow();
    JsonObject event = new JsonObject(delivery.body());
    assertThat(event.getString("event")).isEqualTo("record:updated");
    assertThat(event.getString("event_type")).isEqualTo("record:updated");
    assertThat(event.getString("webhook_id")).isEqualTo(hook.getString("id"));
    assertThat(event.fieldNames()).contains("id", "payload", "environment_id", "created_at");
    assertThat(event.getJsonObject("payload").getString("integrated_account_id")).isEqualTo(account);
    assertThat(event.getJsonObject("payload").getJsonObject("payload").getString("raw")).isEqualTo("Hello, World!");
    assertThat(delivery.headers().getString("x-truto-signature")).isEqualTo(truto(hook.getString("secret"), delivery.body()));
    assertThat(delivery.body()).doesNotContain("It's a Secret");
  }

  @Test
  @DisplayName("GitHub: a redelivery with the same delivery id is accepted once")
  void dedupByDeliveryId() {
    webhook(new JsonArray().add("record:*"));
    String account = account(install("gh-style", githubConfig()), new JsonObject().put("webhook_secret", "It's a Secret to Everybody"));
    for (int i = 0; i < 3; i++) {
      assertThat(post("/integrated-account-webhook/" + account, "Hello, World!",
          Map.of("X-Hub-Signature-256", GITHUB_SIG, "X-GitHub-Delivery", "same")).statusCode()).isEqualTo(200);
    }
    eventually(() -> deliveries().size() >= 1, "a delivery");
    vertx.timer(500).await();
    assertThat(deliveries()).hasSize(1);
  }

  String slackSignature(String ts, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec("slack-secret".getBytes(), "HmacSHA256"));
      return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("Slack: url_verification challenge answered; events routed to the account by team_id; stale is 401")
  void slackStyle() {
    webhook(null);
    String install = install("slack-style", slackConfig());
    account(install, new JsonObject().put("team_id", "T-other").put("signing_secret", "other-secret"));
    String account = account(install, new JsonObject().put("team_id", "T1").put("signing_secret", "slack-secret"));

    var challenge = post("/environment-integration-webhook/" + install,
        "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}",
        Map.of("Content-Type", "application/json"));
    assertThat(challenge.statusCode()).isEqualTo(200);
    assertThat(challenge.bodyAsString()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

    String body = "{\"team_id\":\"T1\",\"event\":{\"type\":\"message\",\"text\":\"hi\"}}";
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    var ok = post("/environment-integration-webhook/" + install, body, Map.of("Content-Type", "application/json",
        "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", slackSignature(ts, body)));
    assertThat(ok.statusCode()).isEqualTo(200);
    String stale = Long.toString(System.currentTimeMillis() / 1000 - 600);
    assertThat(post("/environment-integration-webhook/" + install, body, Map.of("Content-Type", "application/json",
        "X-Slack-Request-Timestamp", stale, "X-Slack-Signature", slackSignature(stale, body))).statusCode()).isEqualTo(401);

    eventually(() -> deliveries().stream().anyMatch(d -> d.body().contains("record:created")), "the message event");
    JsonObject event = new JsonObject(deliveries().stream().filter(d -> d.body().contains("record:created")).findFirst().orElseThrow().body());
    assertThat(event.getJsonObject("payload").getString("integrated_account_id")).isEqualTo(account);
    assertThat(event.getJsonObject("payload").getJsonObject("payload").getString("text")).isEqualTo("hi");
  }

  @Test
  @DisplayName("a GET handshake echoes a query challenge (Graph validationToken style)")
  void getChallengeEcho() {
    JsonObject config = new JsonObject().put("base_url", "https://graph.microsoft.com/v1.0").put("webhook", new JsonObject()
        .put("handle_verification", "$exists(query.validationToken) ? {\"status\": 200, \"body\": query.validationToken, \"headers\": {\"content-type\": \"text/plain\"}} : null"));
    String account = account(install("graph", config), new JsonObject());
    var r = io.vertx.ext.web.client.WebClient.create(vertx).get(ferry.ferry().port(), "localhost",
        "/integrated-account-webhook/" + account + "?validationToken=Validation%3A%20Testing").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("Validation: Testing");
    assertThat(r.getHeader("content-type")).isEqualTo("text/plain");
  }

  @Test
  @DisplayName("config authors dry-run a webhook config: which step passed or failed, no secrets echoed")
  void configTest() {
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "gh").put("config", githubConfig())).await();
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject sample = new JsonObject().put("request", new JsonObject().put("body", "Hello, World!")
        .put("headers", new JsonObject().put("X-Hub-Signature-256", GITHUB_SIG)))
        .put("context", new JsonObject().put("webhook_secret", "It's a Secret to Everybody"));
    JsonObject steps = ferry.admin(HttpMethod.POST, "/integration/" + id + "/webhook/test", sample).await()
        .bodyAsJsonObject().getJsonObject("steps");
    assertThat(steps.getJsonObject("signature_verification").getBoolean("ok")).isTrue();
    assertThat(steps.getJsonObject("payload_transform").getJsonArray("events")).hasSize(1);

    sample.getJsonObject("request").put("body", "Hello, World?");
    var failed = ferry.admin(HttpMethod.POST, "/integration/" + id + "/webhook/test", sample).await();
    assertThat(failed.bodyAsJsonObject().getJsonObject("steps").getJsonObject("signature_verification").getString("reason"))
        .isEqualTo("signature does not match");
    assertThat(failed.bodyAsString()).doesNotContain("Secret to Everybody");
  }

  @Test
  @DisplayName("X-Forwarded-Proto/Host and Forwarded from an address not in FERRY_TRUSTED_PROXIES are ignored for $url")
  void forwardedHeadersFromUntrustedAreIgnored() {
    String account = account(install("url-signed", new JsonObject("""
        {"base_url": "https://api.example.test", "webhook": {"signature_verification": {"format": "hmac", "config": {
          "secret": "{{webhook_secret}}", "parts": ["$url", "$body"], "header": "x-sig"}}}}""")),
        new JsonObject().put("webhook_secret", "k"));
    String path = "/integrated-account-webhook/" + account;
    String forged = InboundWebhookV2Test.hex("k", "https://public.example" + path + "{}");
    assertThat(post(path, "{}", Map.of("x-sig", forged, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")).statusCode())
        .isEqualTo(401);
    assertThat(post(path, "{}", Map.of("x-sig", forged, "Forwarded", "proto=https;host=public.example")).statusCode()).isEqualTo(401);
    String direct = InboundWebhookV2Test.hex("k", "http://localhost:" + ferry.ferry().port() + path + "{}");
    assertThat(post(path, "{}", Map.of("x-sig", direct)).statusCode()).isEqualTo(200);
  }
}
