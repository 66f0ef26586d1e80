package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SsrfGuardTest extends ProxyTestBase {

  @Override
  io.ferry.engine.config.FerryOptions options() {
    return super.options().withProxyAllowPrivate(false);
  }

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject()));
  }

  @Test
  @DisplayName("with private targets not allowed, a base URL on loopback is refused with 400 and never called")
  void loopbackRefused() {
    String id = importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
    var r = proxy(HttpMethod.GET, "/proxy/users/u1", id, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("loopback");
    assertThat(upstream.received).isEmpty();
  }
}
