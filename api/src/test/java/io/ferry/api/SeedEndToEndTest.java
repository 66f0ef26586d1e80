package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SeedEndToEndTest {

  static final int QUOTA = 5;
  FerryServer ferry;
  final AtomicLong windowStart = new AtomicLong();
  final AtomicInteger used = new AtomicInteger();
  final AtomicInteger upstream429 = new AtomicInteger();

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  @Test
  @DisplayName("seed example: expired token imported, /proxy/users paged to the end with one refresh and no 429 for the caller")
  void seedEndToEnd(Vertx vertx) throws Exception {
    FakeUpstream up = new FakeUpstream(vertx);
    up.router.post("/oauth/refresh").handler(ctx -> FakeUpstream.json(ctx, 200,
        new JsonObject().put("access_token", "fresh").put("expires_in", 3600)));
    up.router.get("/users").handler(ctx -> {
      long now = System.currentTimeMillis();
      if (now - windowStart.get() >= 1000) {
        windowStart.set(now);
        used.set(0);
      }
      int n = used.incrementAndGet();
      if (!"Bearer fresh".equals(ctx.request().getHeader("authorization"))) {
        FakeUpstream.json(ctx, 401, new JsonObject().put("error", "expired"));
        return;
      }
      if (n > QUOTA) {
        upstream429.incrementAndGet();
        ctx.response().putHeader("Retry-After", "1").putHeader("X-RateLimit-Remaining", "0");
        FakeUpstream.json(ctx, 429, new JsonObject());
        return;
      }
      int page = Integer.parseInt(ctx.request().getParam("page"));
      JsonArray users = new JsonArray();
      for (int i = (page - 1) * 2; i < Math.min(13, page * 2); i++) {
        users.add(new JsonObject().put("id", "u" + i));
      }
      ctx.response().putHeader("X-RateLimit-Remaining", Integer.toString(QUOTA - n));
      FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("users", users)));
    });
    up.start(vertx).await();

    JsonObject seed = new JsonObject(Files.readString(Path.of("../integrations/example.json")));
    seed.put("base_url", up.base());
    seed.getJsonObject("credentials").getJsonObject("oauth2").getJsonObject("config").getJsonObject("auth").put("tokenHost", up.base());
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    String integration = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "seed").put("config", seed))
        .await().bodyAsJsonObject().getString("id");
    String install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration))
        .await().bodyAsJsonObject().getString("id");
    String account = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "acme-1")
        .put("environment_integration_id", install).put("authentication_method", "oauth2").put("region", "wnam")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject()
            .put("access_token", "stale").put("refresh_token", "refresh_foo_bar").put("expires_in", 0)))))
        .await().bodyAsJsonObject().getString("id");

    int records = 0;
    int pages = 0;
    String cursor = "";
    do {
      var r = ferry.admin(HttpMethod.GET, "/proxy/users?limit=2&integrated_account_id=" + account
          + (cursor.isEmpty() ? "" : "&next_cursor=" + cursor), null).await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      records += r.bodyAsJsonObject().getJsonArray("result").size();
      pages++;
      cursor = r.bodyAsJsonObject().getString("next_cursor");
    } while (cursor != null);

    assertThat(records).isEqualTo(13);
    assertThat(pages).isEqualTo(7);
    assertThat(up.to("/oauth/refresh")).hasSize(1);
    assertThat(up.to("/oauth/refresh").get(0).body()).isEqualTo("grant_type=refresh_token&refresh_token=refresh_foo_bar");
    assertThat(upstream429.get()).as("quota headers honoured before the upstream had to say 429").isLessThanOrEqualTo(1);
  }
}
