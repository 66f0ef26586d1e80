package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A Ferry, a customer receiver (a real HTTP server) and helpers to create integrations, accounts and webhooks. */
abstract class WebhookTestBase {

  Vertx vertx;
  FerryServer ferry;
  FakeUpstream receiver;

  @BeforeEach
  void startAll(Vertx vertx) {
    this.vertx = vertx;
    receiver = new FakeUpstream(vertx);
    receiver(receiver);
    receiver.start(vertx).await();
    ferry = FerryServer.start(vertx, options()).await();
  }

  @AfterEach
  void stopAll() {
    ferry.stop().await();
  }

  io.ferry.engine.config.FerryOptions options() {
    return FerryServer.options(null).withWebhookTiming(100, 86_400_000);
  }

  void receiver(FakeUpstream r) {
    r.router.post("/hooks").handler(ctx -> ctx.response().setStatusCode(200).end());
  }

  String install(String name, JsonObject config) {
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", name).put("config", config)).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return ferry.admin(HttpMethod.POST, "/environment-integration",
        new JsonObject().put("integration_id", created.bodyAsJsonObject().getString("id"))).await().bodyAsJsonObject().getString("id");
  }

  String account(String installId, JsonObject context) {
    var r = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t1")
        .put("environment_integration_id", installId).put("authentication_method", "api_key").put("context", context)).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  /** Creates a customer webhook to the receiver; answers {id, secret}. */
  JsonObject webhook(io.vertx.core.json.JsonArray eventTypes) {
    JsonObject body = new JsonObject().put("target_url", receiver.base() + "/hooks");
    if (eventTypes != null) {
      body.put("event_types", eventTypes);
    }
    var r = ferry.admin(HttpMethod.POST, "/webhook", body).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) {
    var req = io.vertx.ext.web.client.WebClient.create(vertx).post(ferry.ferry().port(), "localhost", path);
    headers.forEach(req::putHeader);
    return req.sendBuffer(Buffer.buffer(body)).await();
  }

  List<FakeUpstream.Received> deliveries() {
    return receiver.to("/hooks");
  }

  void eventually(BooleanSupplier condition, String what) {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      vertx.timer(50).await();
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  static String truto(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "format=sha256,v=" + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
