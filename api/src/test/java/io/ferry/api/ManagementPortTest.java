package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("FERRY_MANAGEMENT_PORT serves metrics and health without a token; the API port keeps /metrics admin-only")
class ManagementPortTest {

  @Test
  void managementPortServesMetricsWithoutAToken(Vertx vertx) throws Exception {
    FerryOptions options = FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("ferry-mgmt").toString(),
            "FERRY_HTTP_PORT", "0", "FERRY_MANAGEMENT_PORT", "0"))
        .withApiToken(FerryServer.ADMIN_TOKEN).withIntegrationsDir(FerryServer.catalogDir());
    FerryServer ferry = FerryServer.start(vertx, options).await();
    try {
      int port = ferry.ferry().managementPort();
      assertThat(port).isPositive().isNotEqualTo(ferry.ferry().port());
      WebClient client = WebClient.create(vertx);
      var metrics = client.get(port, "localhost", "/metrics").send().await();
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.bodyAsString()).contains("ferry_webhook_outbox_depth");
      assertThat(client.get(port, "localhost", "/ready").send().await().statusCode()).isEqualTo(200);
      assertThat(client.get(port, "localhost", "/integrated-account").send().await().statusCode()).isEqualTo(404);
      assertThat(ferry.call(HttpMethod.GET, "/metrics", null, null).await().statusCode()).isEqualTo(401);
    } finally {
      ferry.stop().await();
    }
  }
}
