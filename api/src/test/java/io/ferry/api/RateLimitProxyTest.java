package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("rate limits: the account pauses after a 429, callers wait within their cap, quota headers pace calls")
class RateLimitProxyTest extends ProxyTestBase {

  static final int WINDOW_QUOTA = 4;
  static final long WINDOW_MILLIS = 1_000;

  final AtomicInteger flakyCalls = new AtomicInteger();
  volatile int retryAfterSeconds = 1;
  final AtomicLong windowStart = new AtomicLong();
  final AtomicInteger windowUsed = new AtomicInteger();
  final AtomicInteger quota429s = new AtomicInteger();

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/flaky").handler(ctx -> {
      if (flakyCalls.incrementAndGet() == 1) {
        ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        FakeUpstream.json(ctx, 429, new JsonObject().put("error", "slow down"));
        return;
      }
      FakeUpstream.json(ctx, 200, new JsonObject().put("ok", true));
    });
    // a fixed window of WINDOW_QUOTA calls per second, announced in headers; over quota is a 429
    up.router.get("/quota").handler(ctx -> {
      long now = System.currentTimeMillis();
      if (now - windowStart.get() >= WINDOW_MILLIS) {
        windowStart.set(now);
        windowUsed.set(0);
      }
      int used = windowUsed.incrementAndGet();
      long resetSeconds = Math.max(1, (windowStart.get() + WINDOW_MILLIS - now + 999) / 1000);
      ctx.response().putHeader("X-RateLimit-Reset", Long.toString(resetSeconds));
      if (used > WINDOW_QUOTA) {
        quota429s.incrementAndGet();
        ctx.response().putHeader("X-RateLimit-Remaining", "0").putHeader("Retry-After", Long.toString(resetSeconds));
        FakeUpstream.json(ctx, 429, new JsonObject().put("error", "over quota"));
        return;
      }
      ctx.response().putHeader("X-RateLimit-Remaining", Integer.toString(WINDOW_QUOTA - used));
      FakeUpstream.json(ctx, 200, new JsonObject().put("n", used));
    });
  }

  String apiKeyAccount() {
    return importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
  }

  @Test
  @DisplayName("after a 429 with Retry-After no call reaches the upstream during the pause; then the call succeeds")
  void pauseThenRetry() {
    String id = apiKeyAccount();
    Future<Integer> first = ferry.admin(HttpMethod.GET, "/proxy/flaky?integrated_account_id=" + id, null).map(r -> r.statusCode());
    vertx.timer(300).await();
    Future<Integer> second = ferry.admin(HttpMethod.GET, "/proxy/flaky?integrated_account_id=" + id, null).map(r -> r.statusCode());
    assertThat(first.await()).isEqualTo(200);
    assertThat(second.await()).isEqualTo(200);
    var calls = upstream.to("/flaky");
    assertThat(calls).hasSize(3);
    long limitedAt = calls.get(0).at();
    assertThat(calls.get(1).at() - limitedAt).as("no call during the 1 s pause").isGreaterThanOrEqualTo(950);
    assertThat(calls.get(2).at() - limitedAt).isGreaterThanOrEqualTo(950);
  }

  io.vertx.core.http.HttpClientResponse withMaxWait(String id, String seconds) {
    return vertx.createHttpClient().request(HttpMethod.GET, ferry.ferry().port(), "localhost", "/proxy/flaky?integrated_account_id=" + id)
        .compose(req -> req.putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).putHeader("X-Ferry-Max-Wait", seconds).send())
        .await();
  }

  @Test
  @DisplayName("a wait longer than X-Ferry-Max-Wait answers 429 with Retry-After and ratelimit-* headers, and the paused account is not hammered")
  void maxWaitExceeded() {
    retryAfterSeconds = 5;
    String id = apiKeyAccount();
    for (int i = 0; i < 2; i++) {
      var quick = withMaxWait(id, "1");
      assertThat(quick.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(quick.getHeader("retry-after"))).isBetween(1, 5);
      assertThat(quick.getHeader("ratelimit-remaining")).isEqualTo("0");
      assertThat(quick.getHeader("ratelimit-reset")).isNotNull();
    }
    assertThat(upstream.to("/flaky")).as("the second caller got its 429 without an upstream call").hasSize(1);
    assertThat(withMaxWait(id, "abc").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("remaining-quota headers spread calls out instead of running into a 429")
  void proactivePacing() {
    String id = apiKeyAccount();
    List<Future<Integer>> results = new ArrayList<>();
    long start = System.currentTimeMillis();
    for (int i = 0; i < 12; i++) {
      results.add(ferry.admin(HttpMethod.GET, "/proxy/quota?integrated_account_id=" + id, null).map(r -> r.statusCode()));
      vertx.timer(20).await();
    }
    Future.all(results).await();
    assertThat(results).allSatisfy(f -> assertThat(f.result()).isEqualTo(200));
    assertThat(quota429s.get()).as("upstream 429s").isLessThanOrEqualTo(1);
    assertThat(System.currentTimeMillis() - start).as("12 calls at 4/s take at least 2 windows").isGreaterThanOrEqualTo(2 * WINDOW_MILLIS - 100);
  }
}
