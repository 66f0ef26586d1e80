package io.ferry.bench;

import io.ferry.api.Ferry;
import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inbound webhooks per second on the embedded store: signed 1 KB GitHub-style deliveries verified and committed to the
 * outbox, against the same requests with a wrong signature (verified and rejected, nothing written), 16 in flight.
 * Usage: WebhookIngestBench [seconds]
 */
public final class WebhookIngestBench {
  private WebhookIngestBench() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(19999, "127.0.0.1").await();
    FerryOptions options = FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("hook-bench").toString(),
        "FERRY_HTTP_PORT", "0", "FERRY_PROXY_ALLOW_PRIVATE", "true")).withApiToken(ImportBench.TOKEN).withIntegrationsDir("integrations");
    Ferry ferry = Ferry.start(vertx, options).await();
    WebClient web = WebClient.create(vertx);
    int port = ferry.port();
    String auth = "Bearer " + ImportBench.TOKEN;
    JsonObject config = new JsonObject("""
        {"base_url": "https://api.github.com", "webhook": {"signature_verification": {"format": "hmac", "config": {
          "algorithm": "sha256", "secret": "{{webhook_secret}}", "parts": ["$body"], "encoding": "hex",
          "header": "x-hub-signature-256", "prefix": "sha256="}},
          "payload_transform": "{ \\"event_type\\": 'updated', \\"resource\\": 'repository', \\"payload\\": body }"}}""");
    String integration = web.post(port, "localhost", "/integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("name", "gh-bench").put("config", config)).await().bodyAsJsonObject().getString("id");
    String install = web.post(port, "localhost", "/environment-integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("integration_id", integration)).await().bodyAsJsonObject().getString("id");
    String account = web.post(port, "localhost", "/integrated-account").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("tenant_id", "t").put("environment_integration_id", install)
            .put("authentication_method", "api_key").put("context", new JsonObject().put("webhook_secret", "s3cret")))
        .await().bodyAsJsonObject().getString("id");
    web.post(port, "localhost", "/webhook").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("target_url", "http://127.0.0.1:19999/hooks")).await();

    StringBuilder sb = new StringBuilder("{\"ref\":\"refs/heads/main\",\"padding\":\"");
    while (sb.length() < 1000) {
      sb.append("abcdefghij");
    }
    Buffer body = Buffer.buffer(sb.append("\"}").toString());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String good = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    String bad = "sha256=" + "0".repeat(64);
    String path = "/integrated-account-webhook/" + account;
    run(vertx, web, port, path, body, good, 2, 200);
    double accepted = run(vertx, web, port, path, body, good, seconds, 200) / (double) seconds;
    double rejected = run(vertx, web, port, path, body, bad, seconds, 401) / (double) seconds;
    System.out.println("| request (1 KB, 16 in flight, embedded store) | per second |");
    System.out.println("|---|---|");
    System.out.printf("| signed: verified + transformed + committed to the outbox | %.0f |%n", accepted);
    System.out.printf("| wrong signature: verified and rejected, nothing written | %.0f |%n", rejected);
    System.out.printf("verify+enqueue / verify-only: %.2f%n", accepted / rejected);
    ferry.stop().await();
    vertx.close();
    System.exit(0);
  }

  static long run(Vertx vertx, WebClient web, int port, String path, Buffer body, String signature, int seconds, int expect) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong done = new AtomicLong();
    AtomicLong running = new AtomicLong(16);
    Promise<Void> finished = Promise.promise();
    for (int i = 0; i < 16; i++) {
      vertx.runOnContext(v -> loop(web, port, path, body, signature, expect, end, done, running, finished));
    }
    finished.future().await();
    return done.get();
  }

  private static void loop(WebClient web, int port, String path, Buffer body, String signature, int expect, long end,
                           AtomicLong done, AtomicLong running, Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    web.post(port, "localhost", path).putHeader("X-Hub-Signature-256", signature).putHeader("content-type", "application/json")
        .sendBuffer(body).onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == expect) {
            done.incrementAndGet();
          }
          loop(web, port, path, body, signature, expect, end, done, running, finished);
        });
  }
}
