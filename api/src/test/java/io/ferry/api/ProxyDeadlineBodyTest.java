package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("one deadline per call, and bodies Ferry cannot or must not reshape")
class ProxyDeadlineBodyTest extends ProxyTestBase {
  static final int CAP = 64 * 1024;
  final AtomicInteger limitedCalls = new AtomicInteger();

  @Override
  FerryOptions options() {
    return FerryServer.options(null).withProxyTimeoutMillis(1_500).withProxyMaxBodyBytes(CAP);
  }

  @Override
  JsonObject config(String base) {
    JsonObject config = super.config(base);
    JsonObject resources = config.getJsonObject("resources");
    for (String name : new String[] {"drip", "big", "gzipped", "html", "moved", "limited"}) {
      resources.put(name, new JsonObject().put("list", new JsonObject().put("path", "/" + name).put("pagination", (Object) null)));
    }
    resources.put("broken", new JsonObject().put("get", new JsonObject().put("path", "/broken/{{id}}")));
    return config;
  }

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/drip").handler(ctx -> {
      // headers at once, then a byte every 200 ms for 10 s
      ctx.response().setChunked(true).putHeader("content-type", "application/json").write("[");
      long timer = ctx.vertx().setPeriodic(200, t -> ctx.response().write(" "));
      ctx.response().closeHandler(v -> ctx.vertx().cancelTimer(timer));
    });
    up.router.get("/big").handler(ctx -> {
      JsonArray records = new JsonArray();
      for (int i = 0; i < 4_000; i++) {
        records.add(new JsonObject().put("id", i).put("name", "record number " + i));
      }
      FakeUpstream.json(ctx, 200, records);
    });
    Buffer gzipped = gzip(2 << 20); // 2 MB of JSON, about 2 KB on the wire
    up.router.get("/gzipped").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .putHeader("content-encoding", "gzip").end(gzipped));
    up.router.get("/html").handler(ctx -> ctx.response().putHeader("content-type", "text/html")
        .end("<html><body>Service temporarily moved</body></html>"));
    up.router.get("/moved").handler(ctx -> ctx.response().setStatusCode(302).putHeader("location", "https://login.example.com/").end());
    up.router.get("/broken/:id").handler(ctx -> ctx.response().putHeader("content-type", "application/json").end("{\"id\": 1, oops"));
    up.router.get("/limited").handler(ctx -> {
      if (limitedCalls.incrementAndGet() == 1) {
        ctx.response().putHeader("Retry-After", "3");
        FakeUpstream.json(ctx, 429, new JsonObject().put("error", "slow down"));
      } else {
        FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("users", new JsonArray())));
      }
    });
  }

  static Buffer gzip(int spaces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write('[');
      gz.write(new byte[0]);
      byte[] blanks = new byte[spaces];
      java.util.Arrays.fill(blanks, (byte) ' ');
      gz.write(blanks);
      gz.write(']');
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  String account() {
    return importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
  }

  @Test
  @DisplayName("a body dripping past FERRY_PROXY_TIMEOUT_MS → 504 at the deadline, not when the drip ends")
  void drippingBody() {
    long start = System.currentTimeMillis();
    var r = proxy(HttpMethod.GET, "/proxy/drip", account(), null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(504);
    assertThat(System.currentTimeMillis() - start).isLessThan(4_000);
  }

  @Test
  @DisplayName("JSON over FERRY_PROXY_MAX_BODY_BYTES → 502 naming the limit; compressed size or inflated size alike")
  void overCap() {
    String id = account();
    for (String path : new String[] {"/proxy/big", "/proxy/gzipped"}) {
      var r = proxy(HttpMethod.GET, path, id, null);
      assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(502);
      assertThat(r.bodyAsJsonObject().getString("message")).contains("FERRY_PROXY_MAX_BODY_BYTES").contains(Integer.toString(CAP));
    }
  }

  @Test
  @DisplayName("HTML on a list, a redirect on a list, invalid JSON on a get → 502 remote error with an excerpt, never an empty result")
  void unreadableAnswers() {
    String id = account();
    var html = proxy(HttpMethod.GET, "/proxy/html", id, null);
    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.bodyAsJsonObject().getBoolean("truto_is_remote_error")).isTrue();
    assertThat(html.bodyAsJsonObject().getString("excerpt")).contains("Service temporarily moved");
    var moved = proxy(HttpMethod.GET, "/proxy/moved", id, null);
    assertThat(moved.statusCode()).isEqualTo(502);
    assertThat(moved.bodyAsJsonObject().getString("message")).contains("302").contains("login.example.com");
    var broken = proxy(HttpMethod.GET, "/proxy/broken/1", id, null);
    assertThat(broken.statusCode()).isEqualTo(502);
    assertThat(broken.bodyAsJsonObject().getString("excerpt")).isEqualTo("{\"id\": 1, oops");
  }

  @Test
  @DisplayName("a rate-limit wait longer than the upstream timeout, within X-Ferry-Max-Wait → 200 (waits are not upstream time)")
  void longWaitWithinMaxWait() {
    String id = account();
    var r = ferry.call(HttpMethod.GET, "/proxy/limited?integrated_account_id=" + id, FerryServer.ADMIN_TOKEN, null);
    // the default client sends no max-wait header: 30 s
    var answered = r.await();
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
    assertThat(limitedCalls.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("a caller that gives up while its call waits on the account's pause → the upstream never gets that call")
  void callerGone() throws Exception {
    String id = account();
    limitedCalls.set(0);
    // the first call meets the 429 (3 s pause) and is retried after it; the second waits at the gate and hangs up
    var paused = ferry.call(HttpMethod.GET, "/proxy/limited?integrated_account_id=" + id, FerryServer.ADMIN_TOKEN, null);
    Thread.sleep(300);
    WebClient impatient = WebClient.create(vertx);
    var gaveUp = impatient.get(ferry.ferry().port(), "localhost", "/proxy/limited?integrated_account_id=" + id)
        .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).timeout(500).send();
    assertThat(gaveUp.transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed())).await()).as("the caller timed out").isTrue();
    assertThat(paused.await().statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(limitedCalls.get()).as("the 429, the first caller's retry, and nothing for the caller that left").isEqualTo(2);
  }
}
