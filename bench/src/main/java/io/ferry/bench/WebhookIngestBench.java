package io.ferry.bench;

import io.ferry.api.Ferry;
import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inbound webhooks per second: signed 1 KB GitHub-style deliveries (each with its own delivery id) verified,
 * transformed and committed with their delivery id, {@code senders} in flight; against (a) the same Ferry with group
 * commit off ({@code FERRY_WEBHOOK_INTAKE_BATCH=1}: one transaction per delivery, the pre-v2 cost) and (b) the same
 * requests with a wrong signature (verified and rejected, nothing written: the ceiling). One run, one machine.
 * Usage: WebhookIngestBench [seconds] [senders] [postgresql://user@host:port/db | h2]
 */
public final class WebhookIngestBench {
  private WebhookIngestBench() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int senders = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    String pg = args.length > 2 && !"h2".equals(args[2]) ? args[2] : null;
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(19999, "127.0.0.1").await();
    WebClient web = WebClient.create(vertx, new WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(senders));

    // both Ferrys up at once, measured alternately (twice each, best kept): JIT warm-up and box noise hit both alike
    Setup grouped = setUp(vertx, web, pg, 256);
    Setup single = setUp(vertx, web, pg, 1);
    run(vertx, web, grouped, seconds / 2 + 1, senders, true); // warm-up
    run(vertx, web, single, seconds / 2 + 1, senders, true);
    double baseline = 0;
    double accepted = 0;
    for (int round = 0; round < 2; round++) {
      baseline = Math.max(baseline, run(vertx, web, single, seconds, senders, true) / (double) seconds);
      accepted = Math.max(accepted, run(vertx, web, grouped, seconds, senders, true) / (double) seconds);
      System.err.printf("round %d: baseline %.0f/s, group commit %.0f/s (others %d)%n", round, baseline, accepted, OTHER.get());
    }
    double rejected = run(vertx, web, grouped, seconds, senders, false) / (double) seconds;
    long acked = ACKED.get();
    long stored = pg == null ? -1 : count(vertx, grouped.url()) + count(vertx, single.url());
    grouped.ferry().stop().await();
    single.ferry().stop().await();

    String store = pg == null ? "embedded H2" : "PostgreSQL";
    System.out.printf("| request (1 KB, %d senders, %s) | per second | vs baseline |%n", senders, store);
    System.out.println("|---|---|---|");
    System.out.printf("| signed, one transaction per delivery (baseline: group commit off) | %.0f | 1.00× |%n", baseline);
    System.out.printf("| signed, group commit (verified + transformed + committed with its delivery id) | %.0f | %.2f× |%n", accepted, accepted / baseline);
    System.out.printf("| wrong signature: verified and rejected, nothing written (ceiling) | %.0f | %.2f× |%n", rejected, rejected / baseline);
    System.out.println("(outbox rows: " + stored + "; signed deliveries acknowledged 200: " + acked + "; other answers: " + OTHER.get() + ")");
    vertx.close();
    System.exit(0);
  }

  record Setup(Ferry ferry, String url, int port, String path, Buffer body, String good, String bad) {
  }

  static Setup setUp(Vertx vertx, WebClient web, String pg, int batch) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("hook-bench").toString(),
        "FERRY_HTTP_PORT", "0", "FERRY_PROXY_ALLOW_PRIVATE", "true", "FERRY_WEBHOOK_INTAKE_BATCH", Integer.toString(batch),
        "FERRY_HTTP_METRICS", "false"));
    String url = pg == null ? null : freshSchema(vertx, pg);
    if (url != null) {
      env.put("FERRY_DATABASE_URL", url);
    }
    // its own Vert.x: the store's pool is shared by name within one Vert.x, and the two Ferrys must not share a schema
    Ferry ferry = Ferry.start(Vertx.vertx(), FerryOptions.from(env).withApiToken(ImportBench.TOKEN).withIntegrationsDir("integrations")).await();
    int port = ferry.port();
    String auth = "Bearer " + ImportBench.TOKEN;
    JsonObject config = new JsonObject("""
        {"base_url": "https://api.github.com", "webhook": {"signature_verification": {"format": "hmac", "config": {
          "algorithm": "sha256", "secret": "{{webhook_secret}}", "parts": ["$body"], "encoding": "hex",
          "header": "x-hub-signature-256", "prefix": "sha256=", "delivery_id": "$header.x-github-delivery"}},
          "payload_transform": "{ \\"event_type\\": 'updated', \\"resource\\": 'repository', \\"payload\\": body }"}}""");
    String integration = web.post(port, "localhost", "/integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("name", "gh-bench").put("config", config)).await().bodyAsJsonObject().getString("id");
    String install = web.post(port, "localhost", "/environment-integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("integration_id", integration)).await().bodyAsJsonObject().getString("id");
    String account = web.post(port, "localhost", "/integrated-account").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("tenant_id", "t").put("environment_integration_id", install)
            .put("authentication_method", "api_key").put("context", new JsonObject().put("webhook_secret", "s3cret")))
        .await().bodyAsJsonObject().getString("id");
    // a target that is never reached within the run (retries back off): the bench measures intake, not delivery
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
    return new Setup(ferry, url, port, "/integrated-account-webhook/" + account, body, good, "sha256=" + "0".repeat(64));
  }

  static String freshSchema(Vertx vertx, String base) {
    String schema = "ferry_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    var client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(base)).using(vertx).build();
    client.query("CREATE SCHEMA " + schema).execute().await();
    client.close().await();
    return base + (base.contains("?") ? "&" : "?") + "search_path=" + schema;
  }

  static long count(Vertx vertx, String url) {
    var client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    long n = client.query("SELECT COUNT(*) FROM webhook_outbox").execute().await().iterator().next().getLong(0);
    client.close().await();
    return n;
  }

  private static final AtomicLong ACKED = new AtomicLong();
  private static final AtomicLong OTHER = new AtomicLong();

  static long run(Vertx vertx, WebClient web, Setup s, int seconds, int senders, boolean signed) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong done = new AtomicLong();
    AtomicLong running = new AtomicLong(senders);
    Promise<Void> finished = Promise.promise();
    for (int i = 0; i < senders; i++) {
      vertx.runOnContext(v -> loop(web, s, signed, end, done, running, finished));
    }
    finished.future().await();
    return done.get();
  }

  private static final AtomicLong DELIVERY = new AtomicLong();

  private static void loop(WebClient web, Setup s, boolean signed, long end, AtomicLong done, AtomicLong running,
                           Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    int expect = signed ? 200 : 401;
    web.post(s.port(), "localhost", s.path()).timeout(30_000).putHeader("X-Hub-Signature-256", signed ? s.good() : s.bad())
        .putHeader("X-GitHub-Delivery", "d-" + DELIVERY.incrementAndGet()).putHeader("content-type", "application/json")
        .sendBuffer(s.body()).onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == expect) {
            done.incrementAndGet();
            if (signed) {
              ACKED.incrementAndGet();
            }
          } else {
            OTHER.incrementAndGet();
          }
          loop(web, s, signed, end, done, running, finished);
        });
  }
}
