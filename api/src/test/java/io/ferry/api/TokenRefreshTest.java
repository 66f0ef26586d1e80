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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("OAuth tokens are refreshed before expiry, once on a 401, once for many callers, and persisted")
class TokenRefreshTest extends ProxyTestBase {

  final AtomicInteger issued = new AtomicInteger();
  volatile String validToken = "tok-old";
  volatile boolean rejectRefresh;
  volatile boolean omitRefreshToken;

  @Override
  void routes(FakeUpstream up) {
    up.router.post("/oauth/token").handler(ctx -> {
      if (rejectRefresh) {
        FakeUpstream.json(ctx, 400, new JsonObject().put("error", "invalid_grant").put("error_description", "revoked"));
        return;
      }
      // a slow token endpoint, so concurrent callers really overlap with the refresh
      ctx.vertx().setTimer(150, t -> {
        validToken = "tok-new-" + issued.incrementAndGet();
        JsonObject body = new JsonObject().put("access_token", validToken).put("token_type", "bearer").put("expires_in", 3600);
        if (!omitRefreshToken) {
          body.put("refresh_token", "ref-new");
        }
        FakeUpstream.json(ctx, 200, body);
      });
    });
    up.router.get("/users/:id").handler(ctx -> {
      if (!("Bearer " + validToken).equals(ctx.request().getHeader("authorization"))) {
        FakeUpstream.json(ctx, 401, new JsonObject().put("error", "invalid token"));
        return;
      }
      FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("id", ctx.pathParam("id"))));
    });
  }

  @Test
  @DisplayName("a token expiring within the skew is refreshed before the call; the refresh request is exact")
  void refreshBeforeExpiry() {
    String id = importAccount(oauthContext("tok-old", "ref-1", 10), "oauth2", false);
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    var tokenCalls = upstream.to("/oauth/token");
    assertThat(tokenCalls).hasSize(1);
    assertThat(tokenCalls.get(0).body()).isEqualTo("grant_type=refresh_token&refresh_token=ref-1");
    assertThat(tokenCalls.get(0).authorization()).isEqualTo("Basic Y2lkOmNzZWNyZXQ=");
    assertThat(tokenCalls.get(0).headers().getString("content-type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(upstream.to("/users/u1")).extracting(FakeUpstream.Received::authorization).containsExactly("Bearer tok-new-1");
    assertThat(account(id).getJsonObject("context").encode()).doesNotContain("tok-new-1");
  }

  @Test
  @DisplayName("an upstream 401 refreshes once and retries with the new token; the new token survives a restart")
  void refreshOn401AndPersist() {
    validToken = "tok-elsewhere";
    String id = importAccount(oauthContext("tok-old", "ref-1", 3600), "oauth2", false);
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(upstream.to("/users/u1")).extracting(FakeUpstream.Received::authorization)
        .containsExactly("Bearer tok-old", "Bearer tok-new-1");

    ferry.stop().await();
    ferry.startAgain().await();
    assertThat(proxy(HttpMethod.GET, "/proxy/users/u2", id, null).statusCode()).isEqualTo(200);
    assertThat(upstream.to("/users/u2")).extracting(FakeUpstream.Received::authorization).containsExactly("Bearer tok-new-1");
    assertThat(upstream.to("/oauth/token")).hasSize(1);
  }

  @Test
  @DisplayName("100 concurrent calls with an expired token make exactly one token request")
  void singleFlight() {
    String id = importAccount(oauthContext("tok-old", "ref-1", 1), "oauth2", false);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(ferry.admin(HttpMethod.GET, "/proxy/users/u" + i + "?integrated_account_id=" + id, null).map(r -> r.statusCode()));
    }
    Future.all(calls).await();
    assertThat(calls).allSatisfy(f -> assertThat(f.result()).isEqualTo(200));
    assertThat(upstream.to("/oauth/token")).hasSize(1);
  }

  @Test
  @DisplayName("without a new refresh token the old one is kept for the next refresh")
  void keepsOldRefreshToken() {
    omitRefreshToken = true;
    String id = importAccount(oauthContext("tok-old", "ref-keep", 1), "oauth2", false);
    assertThat(ferry.admin(HttpMethod.POST, "/integrated-account/refresh-credentials", new JsonObject().put("id", id)).await()
        .bodyAsJsonObject().getBoolean("success")).isTrue();
    assertThat(ferry.admin(HttpMethod.POST, "/integrated-account/refresh-credentials", new JsonObject().put("id", id)).await()
        .statusCode()).isEqualTo(200);
    assertThat(upstream.to("/oauth/token")).extracting(FakeUpstream.Received::body)
        .containsExactly("grant_type=refresh_token&refresh_token=ref-keep", "grant_type=refresh_token&refresh_token=ref-keep");
  }

  @Test
  @DisplayName("invalid_grant marks the account needs_reauth with last_error; new credentials make it active again")
  void invalidGrantNeedsReauth() {
    rejectRefresh = true;
    String id = importAccount(oauthContext("tok-old", "ref-1", 1), "oauth2", false);
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).isEqualTo(401);
    JsonObject account = account(id);
    assertThat(account.getString("status")).isEqualTo("needs_reauth");
    assertThat(account.getString("last_error")).contains("invalid_grant");
    assertThat(upstream.to("/users/u1")).isEmpty();
    assertThat(proxy(HttpMethod.GET, "/proxy/users/u1", id, null).statusCode()).isEqualTo(401);

    validToken = "tok-fixed";
    var patched = ferry.admin(HttpMethod.PATCH, "/integrated-account/" + id + "/credentials",
        oauthContext("tok-fixed", "ref-2", 3600)).await();
    assertThat(patched.bodyAsJsonObject().getString("status")).isEqualTo("active");
    assertThat(proxy(HttpMethod.GET, "/proxy/users/u1", id, null).statusCode()).isEqualTo(200);
  }
}
