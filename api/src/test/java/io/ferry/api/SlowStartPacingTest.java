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
@DisplayName("pacing from the first call: a fresh account probes its quota before spending it")
class SlowStartPacingTest extends ProxyTestBase {
  static final int QUOTA = 5;
  static final long WINDOW_MILLIS = 3_000;
  final AtomicLong windowStart = new AtomicLong();
  final AtomicInteger used = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger limited = new AtomicInteger();

  @Override
  JsonObject config(String base) {
    JsonObject config = super.config(base);
    config.getJsonObject("rate_limit").put("rate_limit_limit_expression", "X-RateLimit-Limit");
    config.getJsonObject("resources").put("window", new JsonObject().put("list",
        new JsonObject().put("path", "/window").put("pagination", (Object) null)));
    return config;
  }

  @Override
  void routes(FakeUpstream up) {
    // 5 calls per fixed 3 s window (starting at the first call), announced in headers; beyond: 429 + Retry-After
    up.router.get("/window").handler(ctx -> {
      requests.incrementAndGet();
      long now = System.currentTimeMillis();
      synchronized (this) {
        if (windowStart.get() == 0 || now - windowStart.get() >= WINDOW_MILLIS) {
          windowStart.set(now);
          used.set(0);
        }
      }
      int n = used.incrementAndGet();
      long reset = Math.max(1, (windowStart.get() + WINDOW_MILLIS - now + 999) / 1000);
      ctx.response().putHeader("X-RateLimit-Limit", Integer.toString(QUOTA)).putHeader("X-RateLimit-Reset", Long.toString(reset));
      if (n > QUOTA) {
        limited.incrementAndGet();
        ctx.response().putHeader("X-RateLimit-Remaining", "0").putHeader("Retry-After", Long.toString(reset));
        FakeUpstream.json(ctx, 429, new JsonObject().put("error", "over quota"));
        return;
      }
      ctx.response().putHeader("X-RateLimit-Remaining", Integer.toString(QUOTA - n));
      FakeUpstream.json(ctx, 200, new JsonObject().put("n", n));
    });
  }

  @Test
  @DisplayName("15 concurrent calls on a fresh account, 5 per 3 s allowed → all 200, at most 1 upstream 429, within 1.5× three windows")
  void fifteenCallsFivePerWindow() {
    String id = importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
    long start = System.currentTimeMillis();
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      calls.add(ferry.admin(HttpMethod.GET, "/proxy/window?integrated_account_id=" + id, null).map(r -> r.statusCode()));
    }
    Future.join(calls).await();
    long took = System.currentTimeMillis() - start;
    assertThat(calls).allSatisfy(f -> assertThat(f.result()).isEqualTo(200));
    assertThat(limited.get()).as("upstream 429s (of %d upstream requests)", requests.get()).isLessThanOrEqualTo(1);
    assertThat(took).as("batch time, ms").isLessThanOrEqualTo((long) (1.5 * 3 * WINDOW_MILLIS));
  }
}
