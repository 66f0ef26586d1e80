package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("token endpoint trouble is not the account's fault; config errors are named; a PATCH racing a refresh keeps both")
class TokenFailureModesTest extends ProxyTestBase {
  final AtomicInteger tokenCalls = new AtomicInteger();
  volatile int tokenStatus = 200;
  volatile String retryAfter;

  @Override
  void routes(FakeUpstream up) {
    up.router.post("/oauth/token").handler(ctx -> {
      int n = tokenCalls.incrementAndGet();
      ctx.vertx().setTimer(200, t -> {
        if (retryAfter != null) {
          ctx.response().putHeader("Retry-After", retryAfter);
        }
        FakeUpstream.json(ctx, tokenStatus, tokenStatus == 200
            ? new JsonObject().put("access_token", "fresh-" + n).put("refresh_token", "ref-" + n).put("expires_in", 3600)
            : new JsonObject().put("error", "temporarily_unavailable"));
      });
    });
    up.router.get("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject()
        .put("id", ctx.pathParam("id")).put("auth", ctx.request().getHeader("authorization")))));
  }

  @Test
  @DisplayName("token endpoint 5xx → 503 with Retry-After after bounded retries; 429 → its Retry-After; the account stays active")
  void transientFailures() {
    String id = importAccount(oauthContext("old", "ref-0", 10), "oauth2", false);
    tokenStatus = 503;
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.getHeader("retry-after")).isNotNull();
    assertThat(tokenCalls.get()).as("bounded retries").isEqualTo(3);
    assertThat(account(id).getString("status")).isEqualTo("active");

    tokenStatus = 429;
    retryAfter = "7";
    r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("retry-after")).isEqualTo("7");
    assertThat(account(id).getString("status")).isEqualTo("active");

    tokenStatus = 200;
    retryAfter = null;
    r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).as("the provider is back: the same account works").isEqualTo(200);
  }

  @Test
  @DisplayName("an OAuth integration saved without auth.tokenHost → 400 naming the key")
  void missingTokenHostRejectedAtSave() {
    JsonObject config = config(upstream.base());
    config.getJsonObject("credentials").getJsonObject("oauth2").getJsonObject("config").getJsonObject("auth").remove("tokenHost");
    var r = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "no-host").put("config", config)).await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("/config/credentials/oauth2/config/auth/tokenHost");
  }

  @Test
  @DisplayName("a PATCH of the context while a refresh is writing tokens → both changes kept (versioned rows), 5 times")
  void patchRacingRefresh() {
    for (int r = 0; r < 5; r++) {
      int round = r;
      String id = importAccount(oauthContext("old", "ref-0", 10), "oauth2", false);
      var call = ferry.admin(HttpMethod.GET, "/proxy/users/u1?integrated_account_id=" + id, null);
      var patch = vertx.timer(100 + round * 40L).compose(t -> ferry.admin(HttpMethod.PATCH, "/integrated-account/" + id,
          new JsonObject().put("context", new JsonObject().put("subdomain", "acme-" + round))));
      Future.join(call, patch).await();
      assertThat(call.result().statusCode()).as(call.result().bodyAsString()).isEqualTo(200);
      assertThat(patch.result().statusCode()).as(patch.result().bodyAsString()).isEqualTo(200);
      var reread = proxy(HttpMethod.GET, "/proxy/users/u2", id, null).bodyAsJsonObject();
      assertThat(reread.getString("auth")).as("the refreshed token is kept").startsWith("Bearer fresh-");
      assertThat(account(id).getJsonObject("context").getString("subdomain")).as("the PATCH is kept").isEqualTo("acme-" + round);
    }
  }
}
