package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("inbound webhooks v2: no signed event lost, signed URLs behind proxies, raw bodies, handshakes with context")
class InboundWebhookV2Test extends WebhookTestBase {

  @Override
  FerryOptions options() {
    return super.options().withPublicUrl(null, List.of("127.0.0.1", "::1"));
  }

  static String hex(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject config(String webhook) {
    return new JsonObject().put("base_url", "https://api.example.test").put("credentials", new JsonObject()
        .put("format", "api_key").put("config", new JsonObject().put("fields", new JsonArray()
            .add(new JsonObject().put("name", "webhook_secret").put("type", "password"))))).put("webhook", new JsonObject(webhook));
  }

  static final String SIGNED_BODY = """
      {"signature_verification": {"format": "hmac", "config": {"secret": "{{webhook_secret}}", "parts": ["$body"],
        "header": "x-sig", "delivery_id": "$header.x-delivery"}},""";

  long stored() {
    return deliveries().stream().filter(d -> d.body().contains("record:created")).count();
  }

  @Test
  @DisplayName("a transform that throws answers 500 and stores nothing; after the config is fixed the retry is stored once")
  void transformFailureThenFixedRetry() {
    webhook(null);
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "throws").put("config",
        config(SIGNED_BODY + "\"payload_transform\": \"{ 'event_type': 'created', 'payload': body.n + 1 }\"}"))).await();
    String integration = created.bodyAsJsonObject().getString("id");
    String install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration))
        .await().bodyAsJsonObject().getString("id");
    String account = account(install, new JsonObject().put("webhook_secret", "s3cr3t"));
    String body = "{\"n\":\"not a number\"}";
    Map<String, String> headers = Map.of("x-sig", hex("s3cr3t", body), "x-delivery", "evt-1", "content-type", "application/json");

    var failed = post("/integrated-account-webhook/" + account, body, headers);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(500);
    assertThat(ferry.admin(HttpMethod.GET, "/metrics", null).await().bodyAsString())
        .contains("ferry_webhooks_inbound_total{result=\"transform_failed\"} 1.0");

    var fixed = ferry.admin(HttpMethod.PATCH, "/integration/" + integration, new JsonObject().put("version", 1).put("config",
        new JsonObject().put("webhook", new JsonObject().put("payload_transform", "{ 'event_type': 'created', 'payload': body }")))).await();
    assertThat(fixed.statusCode()).as(fixed.bodyAsString()).isEqualTo(200);
    assertThat(post("/integrated-account-webhook/" + account, body, headers).statusCode()).isEqualTo(200);
    assertThat(post("/integrated-account-webhook/" + account, body, headers).statusCode()).as("a further redelivery").isEqualTo(200);
    eventually(() -> stored() >= 1, "the stored event");
    vertx.timer(500).await();
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  @DisplayName("a signature over https://public/... verifies behind a trusted proxy's Forwarded: proto=https;host=public")
  void forwardedFromTrustedProxy() {
    String account = account(install("url-signed", config("""
        {"signature_verification": {"format": "hmac", "config": {"secret": "{{webhook_secret}}", "parts": ["$url", "$body"],
          "header": "x-sig"}}}""")), new JsonObject().put("webhook_secret", "k"));
    String path = "/integrated-account-webhook/" + account + "?a=%2F1";
    String body = "{\"x\":1}";
    String sig = hex("k", "https://public.example" + path + body);
    assertThat(post(path, body, Map.of("x-sig", sig, "Forwarded", "for=203.0.113.9;proto=https;host=public.example")).statusCode())
        .isEqualTo(200);
    assertThat(post(path, body, Map.of("x-sig", sig, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")).statusCode())
        .isEqualTo(200);
    assertThat(post(path, body, Map.of("x-sig", sig)).statusCode()).as("without the proxy's headers").isEqualTo(401);
  }

  @Test
  @DisplayName("a signed form body with a malformed %-escape is verified on its raw bytes and accepted, not a 400")
  void malformedFormBody() {
    webhook(null);
    String account = account(install("form", config(SIGNED_BODY + "\"payload_transform\": \"{ 'event_type': 'created', 'payload': body }\"}")),
        new JsonObject().put("webhook_secret", "k"));
    String body = "discount=100%zz&name=a+b";
    var r = post("/integrated-account-webhook/" + account, body, Map.of("x-sig", hex("k", body),
        "content-type", "application/x-www-form-urlencoded"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    eventually(() -> stored() == 1, "the form event");
    assertThat(deliveries().stream().filter(d -> d.body().contains("record:created")).findFirst().orElseThrow().body())
        .contains("100%zz").contains("\"name\":\"a b\"");
  }

  @Test
  @DisplayName("Asana: the X-Hook-Secret handshake is echoed and stored (encrypted) on the account; the next signed delivery is accepted")
  void asanaHandshakeStoresSecret() {
    webhook(null);
    String account = account(install("asana-like", config("""
        {"handle_verification": "$exists(headers.`x-hook-secret`) ? {'status': 200, 'headers': {'X-Hook-Secret': headers.`x-hook-secret`}, 'body': '', 'update_context': {'webhook_secret': headers.`x-hook-secret`}} : null",
         "signature_verification": {"format": "hmac", "config": {"secret": "{{webhook_secret}}", "parts": ["$body"], "header": "x-hook-signature"}},
         "payload_transform": "body.events.{ 'event_type': 'created', 'payload': $ }"}""")), new JsonObject().put("tenant_note", "x"));
    String secret = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81"; // the Asana docs' example
    var hs = post("/integrated-account-webhook/" + account, "", Map.of("X-Hook-Secret", secret));
    assertThat(hs.statusCode()).isEqualTo(200);
    assertThat(hs.getHeader("X-Hook-Secret")).isEqualTo(secret);
    assertThat(hs.bodyAsString()).isNullOrEmpty();
    var stored = ferry.admin(HttpMethod.GET, "/integrated-account/" + account, null).await().bodyAsJsonObject();
    assertThat(stored.encode()).doesNotContain(secret);
    String body = "{\"events\":[{\"action\":\"added\",\"resource\":{\"gid\":\"1\"}}]}";
    assertThat(post("/integrated-account-webhook/" + account, body, Map.of("X-Hook-Signature", hex(secret, body))).statusCode()).isEqualTo(200);
    assertThat(post("/integrated-account-webhook/" + account, body, Map.of("X-Hook-Signature", hex("other", body))).statusCode()).isEqualTo(401);
    eventually(() -> stored() == 1, "the Asana event");
  }

  @Test
  @DisplayName("Slack-style verify_before_handshake: an unsigned url_verification is 401, a signed one gets its challenge")
  void verifyBeforeHandshake() {
    String account = account(install("slack-like", config("""
        {"verify_before_handshake": true,
         "handle_verification": "$exists(body.challenge) ? body.challenge : null",
         "signature_verification": {"format": "hmac", "config": {"secret": "{{webhook_secret}}",
           "parts": ["v0:", "$header.x-slack-request-timestamp", ":", "$body"], "header": "x-slack-signature", "prefix": "v0=",
           "timestamp": "$header.x-slack-request-timestamp"}}}""")), new JsonObject().put("webhook_secret", "k"));
    String body = "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}";
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    var unsigned = post("/integrated-account-webhook/" + account, body, Map.of("content-type", "application/json"));
    assertThat(unsigned.statusCode()).isEqualTo(401);
    var signed = post("/integrated-account-webhook/" + account, body, Map.of("content-type", "application/json",
        "x-slack-request-timestamp", ts, "x-slack-signature", "v0=" + hex("k", "v0:" + ts + ":" + body)));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.bodyAsString()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  @DisplayName("HEAD is routed like GET (Mandrill's URL check); a handshake reads the account context (Meta's verify token)")
  void headAndContextInHandshake() {
    String account = account(install("meta-like", config("""
        {"handle_verification": "method = 'GET' and query.`hub.verify_token` = context.verify_token ? query.`hub.challenge` : method = 'GET' ? {'status': 200, 'body': ''} : null"}""")),
        new JsonObject().put("verify_token", "meatyhamhock"));
    var head = io.vertx.ext.web.client.WebClient.create(vertx).head(ferry.ferry().port(), "localhost",
        "/integrated-account-webhook/" + account).send().await();
    assertThat(head.statusCode()).isEqualTo(200);
    var meta = io.vertx.ext.web.client.WebClient.create(vertx).get(ferry.ferry().port(), "localhost", "/integrated-account-webhook/"
        + account + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock").send().await();
    assertThat(meta.bodyAsString()).isEqualTo("1158201444");
    var wrong = io.vertx.ext.web.client.WebClient.create(vertx).get(ferry.ferry().port(), "localhost", "/integrated-account-webhook/"
        + account + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess").send().await();
    assertThat(wrong.bodyAsString()).isNullOrEmpty();
  }
}
