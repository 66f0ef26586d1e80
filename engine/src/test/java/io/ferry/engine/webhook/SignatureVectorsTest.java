package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Providers' own published vectors, each valid, with a one-byte-tampered twin and (where timed) a stale twin. */
class SignatureVectorsTest {

  static final JsonObject GITHUB = new JsonObject("""
      {"format":"hmac","config":{"algorithm":"sha256","secret":"{{webhook_secret}}","parts":["$body"],
       "encoding":"hex","header":"x-hub-signature-256","prefix":"sha256=","delivery_id":"$header.x-github-delivery"}}""");
  static final JsonObject SLACK = new JsonObject("""
      {"format":"hmac","config":{"algorithm":"sha256","secret":"{{signing_secret}}","parts":["v0:",
       "$header.x-slack-request-timestamp",":","$body"],"encoding":"hex","header":"x-slack-signature","prefix":"v0=",
       "timestamp":"$header.x-slack-request-timestamp","tolerance_seconds":300}}""");
  static final JsonObject SLACK_TRUTO_SPELLING = new JsonObject("""
      {"format":"hmac","config":{"algorithm":"sha256","parts":["v0:","$header.x-slack-request-timestamp",":","$body"],
       "secret":"{{credentials.signing_secret}}","compare_with":"v0=$header.x-slack-signature",
       "timestamp":"$header.x-slack-request-timestamp"}}""");
  static final JsonObject STANDARD = new JsonObject("{\"format\":\"standard_webhooks\",\"config\":{\"secret\":\"{{webhook_secret}}\"}}");

  static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
      + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2F"
      + "hooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
      + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

  static InboundRequest request(String body, JsonObject headers) {
    return new InboundRequest("POST", "https://ferry.test/hook", headers, new JsonObject(), Buffer.buffer(body));
  }

  static String tamper(String body) {
    char last = body.charAt(body.length() - 1);
    return body.substring(0, body.length() - 1) + (char) (last + 1);
  }

  JsonObject githubData = new JsonObject().put("webhook_secret", "It's a Secret to Everybody");

  @Test
  @DisplayName("GitHub: the documented vector passes, a tampered body fails")
  void github() {
    JsonObject headers = new JsonObject()
        .put("x-hub-signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
        .put("x-github-delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    VerifyResult ok = SignatureVerifier.verify(GITHUB, request("Hello, World!", headers), githubData, System.currentTimeMillis());
    assertThat(ok.ok()).isTrue();
    assertThat(ok.deliveryId()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(SignatureVerifier.verify(GITHUB, request(tamper("Hello, World!"), headers), githubData, System.currentTimeMillis()).ok()).isFalse();
    assertThat(SignatureVerifier.verify(GITHUB, request("Hello, World!", new JsonObject()), githubData, System.currentTimeMillis()).ok()).isFalse();
  }

  @Test
  @DisplayName("GitHub: rotation: any of several secrets passes")
  void rotation() {
    JsonObject headers = new JsonObject().put("x-hub-signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    JsonObject rotating = GITHUB.copy();
    rotating.getJsonObject("config").put("secret", new io.vertx.core.json.JsonArray().add("{{new_secret}}").add("{{webhook_secret}}"));
    JsonObject data = githubData.copy().put("new_secret", "fresh");
    assertThat(SignatureVerifier.verify(rotating, request("Hello, World!", headers), data, System.currentTimeMillis()).ok()).isTrue();
  }

  JsonObject slackHeaders = new JsonObject().put("x-slack-request-timestamp", "1531420618")
      .put("x-slack-signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  JsonObject slackData = new JsonObject().put("signing_secret", "8f742231b10e8888abcd99yyyzzz85a5")
      .put("credentials", new JsonObject().put("signing_secret", "8f742231b10e8888abcd99yyyzzz85a5"));
  long slackNow = 1531420618_000L + 10_000;

  @Test
  @DisplayName("Slack: the documented vector passes within 5 minutes; tampered and stale twins fail")
  void slack() {
    assertThat(SignatureVerifier.verify(SLACK, request(SLACK_BODY, slackHeaders), slackData, slackNow).ok()).isTrue();
    assertThat(SignatureVerifier.verify(SLACK, request(tamper(SLACK_BODY), slackHeaders), slackData, slackNow).ok()).isFalse();
    VerifyResult stale = SignatureVerifier.verify(SLACK, request(SLACK_BODY, slackHeaders), slackData, slackNow + 301_000);
    assertThat(stale.ok()).isFalse();
    assertThat(stale.reason()).contains("replay window");
  }

  @Test
  @DisplayName("Slack in Truto's compare_with spelling verifies the same vector")
  void slackTrutoSpelling() {
    assertThat(SignatureVerifier.verify(SLACK_TRUTO_SPELLING, request(SLACK_BODY, slackHeaders), slackData, slackNow).ok()).isTrue();
    assertThat(SignatureVerifier.verify(SLACK_TRUTO_SPELLING, request(tamper(SLACK_BODY), slackHeaders), slackData, slackNow).ok()).isFalse();
  }

  @Test
  @DisplayName("Standard Webhooks: the spec vector passes; tampered and stale twins fail; svix-* headers work too")
  void standardWebhooks() {
    String body = "{\"test\": 2432232314}";
    JsonObject data = new JsonObject().put("webhook_secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    JsonObject headers = new JsonObject().put("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek").put("webhook-timestamp", "1614265330")
        .put("webhook-signature", "v1,bm90IHRoaXMgb25l v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    long now = 1614265330_000L + 1_000;
    assertThat(SignatureVerifier.verify(STANDARD, request(body, headers), data, now).ok()).isTrue();
    assertThat(SignatureVerifier.verify(STANDARD, request(tamper(body), headers), data, now).ok()).isFalse();
    assertThat(SignatureVerifier.verify(STANDARD, request(body, headers), data, now + 301_000).ok()).isFalse();
    assertThat(SignatureVerifier.verify(STANDARD, request(body, headers), data, now - 302_000).ok()).as("future").isFalse();
    JsonObject svix = new JsonObject().put("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek").put("svix-timestamp", "1614265330")
        .put("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    assertThat(SignatureVerifier.verify(STANDARD, request(body, svix), data, now).ok()).isTrue();
  }

  @Test
  @DisplayName("Stripe-style k=v signature header with several v1 entries; Shopify base64")
  void kvAndBase64() {
    JsonObject stripe = new JsonObject("""
        {"format":"hmac","config":{"secret":"whsec_test_secret","parts":["$signature.t",".","$body"],"header":"stripe-signature",
         "signature_format":"kv","signature_key":"v1","timestamp":"$signature.t","tolerance_seconds":300}}""");
    String body = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";
    JsonObject headers = new JsonObject().put("stripe-signature",
        "t=12345,v1=bad_signature,v1=2672d138c9a412830f3bfe2ecc5bfb3277cf6f5b49d0119d77dd6cb64da1257e,v0=abc");
    assertThat(SignatureVerifier.verify(stripe, request(body, headers), new JsonObject(), 12_345_000L + 1000).ok()).isTrue();
    assertThat(SignatureVerifier.verify(stripe, request(tamper(body), headers), new JsonObject(), 12_345_000L + 1000).ok()).isFalse();
    assertThat(SignatureVerifier.verify(stripe, request(body, headers), new JsonObject(), 12_345_000L + 301_000).ok()).isFalse();

    JsonObject shopify = new JsonObject("""
        {"format":"hmac","config":{"secret":"test_secret_key","header":"x-shopify-hmac-sha256","encoding":"base64"}}""");
    JsonObject sh = new JsonObject().put("x-shopify-hmac-sha256", "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");
    assertThat(SignatureVerifier.verify(shopify, request("{\"foo\": \"bar\"}", sh), new JsonObject(), 0).ok()).isTrue();
    assertThat(SignatureVerifier.verify(shopify, request("{\"foo\": \"baz\"}", sh), new JsonObject(), 0).ok()).isFalse();
  }

  @Test
  @DisplayName("basic, bearer and HS256 JWT")
  void sharedSecretsAndJwt() {
    JsonObject basic = new JsonObject("{\"format\":\"basic\",\"config\":{\"username\":\"{{u}}\",\"password\":\"{{p}}\"}}");
    JsonObject data = new JsonObject().put("u", "hook").put("p", "pw").put("t", "tok").put("k", "jwt-secret");
    String creds = java.util.Base64.getEncoder().encodeToString("hook:pw".getBytes());
    assertThat(SignatureVerifier.verify(basic, request("{}", new JsonObject().put("authorization", "Basic " + creds)), data, 0).ok()).isTrue();
    assertThat(SignatureVerifier.verify(basic, request("{}", new JsonObject().put("authorization", "Basic eDp5")), data, 0).ok()).isFalse();
    JsonObject bearer = new JsonObject("{\"format\":\"bearer\",\"config\":{\"token\":\"{{t}}\"}}");
    assertThat(SignatureVerifier.verify(bearer, request("{}", new JsonObject().put("authorization", "Bearer tok")), data, 0).ok()).isTrue();
    assertThat(SignatureVerifier.verify(bearer, request("{}", new JsonObject().put("authorization", "Bearer tok2")), data, 0).ok()).isFalse();

    JsonObject jwt = new JsonObject("{\"format\":\"jwt\",\"config\":{\"algorithm\":\"HS256\",\"secret\":\"{{k}}\"}}");
    var enc = java.util.Base64.getUrlEncoder().withoutPadding();
    String head = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    String claims = enc.encodeToString("{\"iss\":\"x\",\"exp\":2000000000}".getBytes());
    String sig = enc.encodeToString(HmacSignature.mac("HmacSHA256", "jwt-secret".getBytes(), (head + "." + claims).getBytes()));
    String token = head + "." + claims + "." + sig;
    assertThat(SignatureVerifier.verify(jwt, request("{}", new JsonObject().put("authorization", "JWT " + token)), data, 1_000_000_000_000L).ok()).isTrue();
    assertThat(SignatureVerifier.verify(jwt, request("{}", new JsonObject().put("authorization", "JWT " + token)), data, 2_100_000_000_000L).ok())
        .as("expired").isFalse();
    String none = enc.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + claims + ".";
    assertThat(SignatureVerifier.verify(jwt, request("{}", new JsonObject().put("authorization", "Bearer " + none)), data, 0).ok()).isFalse();
  }
}
