package io.ferry.bench;

import io.ferry.engine.webhook.InboundRequest;
import io.ferry.engine.webhook.SignatureVerifier;
import io.ferry.engine.webhook.VerifyResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Declarative HMAC-SHA256 verification of a 1 KB webhook (GitHub config) against a hand-written Mac check. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebhookVerifyBench {
  JsonObject config;
  JsonObject data;
  InboundRequest request;
  byte[] body;
  byte[] secret = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
  String header;

  @Setup
  public void setup() throws Exception {
    body = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    header = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    config = new JsonObject("""
        {"format":"hmac","config":{"algorithm":"sha256","secret":"{{webhook_secret}}","parts":["$body"],
         "encoding":"hex","header":"x-hub-signature-256","prefix":"sha256="}}""");
    data = new JsonObject().put("webhook_secret", "It's a Secret to Everybody");
    request = new InboundRequest("POST", "https://ferry.test/hook", new JsonObject().put("x-hub-signature-256", header),
        new JsonObject(), Buffer.buffer(body));
  }

  @Benchmark
  public VerifyResult declarative() {
    return SignatureVerifier.verify(config, request, data, System.currentTimeMillis());
  }

  @Benchmark
  public boolean handWritten() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] expected = mac.doFinal(body);
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(header.substring(7)));
  }
}
