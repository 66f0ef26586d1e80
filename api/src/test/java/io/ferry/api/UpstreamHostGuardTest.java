package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("a failing upstream host: circuit breaker and retry budget")
class UpstreamHostGuardTest extends ProxyTestBase {
  final AtomicInteger down = new AtomicInteger();
  final AtomicInteger half = new AtomicInteger();
  volatile boolean recovered;

  @Override
  JsonObject config(String base) {
    JsonObject config = super.config(base);
    for (String name : new String[] {"down", "half"}) {
      config.getJsonObject("resources").put(name, new JsonObject().put("list",
          new JsonObject().put("path", "/" + name).put("pagination", (Object) null)));
    }
    return config;
  }

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/down").handler(ctx -> {
      down.incrementAndGet();
      FakeUpstream.json(ctx, recovered ? 200 : 503, recovered ? new JsonObject().put("data", new JsonObject()) : new JsonObject().put("error", "down"));
    });
    // every other request fails
    up.router.get("/half").handler(ctx -> FakeUpstream.json(ctx, half.incrementAndGet() % 2 == 1 ? 503 : 200,
        new JsonObject().put("error", "flaky")));
  }

  String account() {
    return importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
  }

  @Test
  @DisplayName("after 5 failures in a row the host gets no calls: 503 at once; after the open period one probe closes it again")
  void breakerOpensAndHalfOpens() throws Exception {
    String id = account();
    while (down.get() < 5) {
      proxy(HttpMethod.GET, "/proxy/down", id, null);
    }
    int reached = down.get();
    long start = System.currentTimeMillis();
    var fast = proxy(HttpMethod.GET, "/proxy/down", id, null);
    assertThat(fast.statusCode()).isEqualTo(503);
    assertThat(fast.bodyAsJsonObject().getString("message")).contains("in a row");
    assertThat(down.get()).as("no call reached the open host").isEqualTo(reached);
    assertThat(System.currentTimeMillis() - start).isLessThan(1_000);
    recovered = true;
    Thread.sleep(5_300);
    assertThat(proxy(HttpMethod.GET, "/proxy/down", id, null).statusCode()).as("half-open probe").isEqualTo(200);
    assertThat(proxy(HttpMethod.GET, "/proxy/down", id, null).statusCode()).as("closed again").isEqualTo(200);
  }

  @Test
  @DisplayName("a host failing every other request: retries stay within 20% of its load (plus 3)")
  void retryBudget() {
    String id = account();
    int calls = 40;
    for (int i = 0; i < calls; i++) {
      proxy(HttpMethod.GET, "/proxy/half", id, null);
    }
    int retries = half.get() - calls;
    assertThat(retries).as("retries").isGreaterThan(0).isLessThanOrEqualTo((int) (0.2 * half.get()) + 3);
  }
}
