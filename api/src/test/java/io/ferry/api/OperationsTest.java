package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("operations: health, readiness, metrics, OpenAPI, request ids")
class OperationsTest {

  FerryServer ferry;

  @BeforeEach
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
  }

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  @Test
  @DisplayName("/health and /ready are UP on a fresh start, without a token")
  void healthAndReady() {
    for (String path : new String[] {"/health", "/ready"}) {
      var r = ferry.call(HttpMethod.GET, path, null, null).await();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }
  }

  @Test
  @DisplayName("/metrics serves Ferry's meters in Prometheus format, no account ids in labels")
  void metrics() {
    String install = ferry.install("example").await();
    String account = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", install).put("authentication_method", "oauth2")
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "x")))))
        .await().bodyAsJsonObject().getString("id");
    ferry.admin(HttpMethod.GET, "/proxy/nothing?integrated_account_id=" + account, null).await();
    ferry.call(HttpMethod.POST, "/integrated-account-webhook/" + account, null, "{}").await();
    assertThat(ferry.call(HttpMethod.GET, "/metrics", null, null).await().statusCode()).isEqualTo(401);
    var r = ferry.admin(HttpMethod.GET, "/metrics", null).await();
    assertThat(r.statusCode()).isEqualTo(200);
    String text = r.bodyAsString();
    assertThat(text).contains("ferry_proxy_calls_total{", "integration=\"example\"", "ferry_webhooks_inbound_total{result=\"rejected\"}",
        "ferry_webhook_outbox_depth");
    assertThat(text).doesNotContain(account);
  }

  @Test
  @DisplayName("every response carries X-Request-Id; a caller's id is echoed")
  void requestIds(Vertx vertx) {
    var generated = ferry.call(HttpMethod.GET, "/health", null, null).await();
    assertThat(generated.getHeader("X-Request-Id")).hasSizeGreaterThan(8);
    var echoed = io.vertx.ext.web.client.WebClient.create(vertx).get(ferry.ferry().port(), "localhost", "/integration")
        .putHeader("X-Request-Id", "req-42").send().await();
    assertThat(echoed.statusCode()).isEqualTo(401);
    assertThat(echoed.getHeader("X-Request-Id")).isEqualTo("req-42");
  }

  @Test
  @DisplayName("/openapi.json documents exactly the routes the router has")
  void openApiMatchesRouter() {
    JsonObject doc = ferry.call(HttpMethod.GET, "/openapi.json", null, null).await().bodyAsJsonObject();
    assertThat(doc.getString("openapi")).startsWith("3.1");
    Set<String> documented = new TreeSet<>();
    doc.getJsonObject("paths").forEach(p -> ((JsonObject) p.getValue()).fieldNames()
        .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    Set<String> routed = new TreeSet<>();
    for (Route route : ferry.ferry().http().router().getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      String path = route.getPath().replaceAll(":([A-Za-z_]+)", "{$1}");
      route.methods().forEach(m -> routed.add(m.name() + " " + path));
    }
    assertThat(documented).isEqualTo(routed);
  }
}
