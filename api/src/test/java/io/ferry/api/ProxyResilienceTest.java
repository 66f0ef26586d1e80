package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("upstream failures: bounded retries for idempotent calls only, timeouts, remote error bodies")
class ProxyResilienceTest extends ProxyTestBase {

  @Override
  void routes(FakeUpstream up) {
    up.router.route("/flaky").handler(ctx -> {
      ctx.response().putHeader("X-Upstream-Trace", "abc").putHeader("Connection", "close");
      FakeUpstream.json(ctx, 503, new JsonObject().put("error", "maintenance"));
    });
    up.router.get("/slow").handler(ctx -> ctx.vertx().setTimer(5_000, t -> FakeUpstream.json(ctx, 200, new JsonObject())));
    up.router.get("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("error", "user suspended")));
  }

  String account() {
    return importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
  }

  @Test
  @DisplayName("a GET that keeps failing with 5xx is retried (3 attempts) then answered as a remote error")
  void getRetries() {
    String id = account();
    var r = proxy(HttpMethod.GET, "/proxy/flaky", id, null);
    assertThat(r.statusCode()).isEqualTo(503);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getBoolean("truto_is_remote_error")).isTrue();
    assertThat(body.getJsonObject("raw_response")).isEqualTo(new JsonObject().put("error", "maintenance"));
    assertThat(body.getString("message")).isEqualTo("maintenance");
    assertThat(r.getHeader("x-upstream-trace")).isEqualTo("abc");
    assertThat(r.getHeader("connection")).isNotEqualTo("close");
    assertThat(upstream.to("/flaky")).hasSize(3);
  }

  @Test
  @DisplayName("a POST is never retried")
  void postNotRetried() {
    String id = account();
    assertThat(proxy(HttpMethod.POST, "/proxy/flaky", id, new JsonObject()).statusCode()).isEqualTo(503);
    assertThat(upstream.to("/flaky")).hasSize(1);
  }

  @Test
  @DisplayName("an upstream slower than the timeout answers 504")
  void timeout() {
    String id = account();
    var r = proxy(HttpMethod.GET, "/proxy/slow", id, null);
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(upstream.to("/slow")).hasSize(1);
  }

  @Test
  @DisplayName("error_expression turns a 200 carrying an error into a remote error")
  void errorExpression() {
    String id = account();
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("user suspended");
    assertThat(r.bodyAsJsonObject().getBoolean("truto_is_remote_error")).isTrue();
  }
}
