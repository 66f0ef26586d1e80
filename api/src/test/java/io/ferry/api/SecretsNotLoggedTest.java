package io.ferry.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SecretsNotLoggedTest {

  @Test
  @DisplayName("credentials sent to Ferry never reach a log line, valid or not")
  void secretsNeverLogged(Vertx vertx) {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(captured);
    try {
      FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
      String install = ferry.install("example").await();
      JsonObject context = new JsonObject().put("api_key", "sk_live_LOGCHECK")
          .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "at_LOGCHECK").put("refresh_token", "rt_LOGCHECK")));
      JsonObject body = new JsonObject().put("tenant_id", "t").put("environment_integration_id", install)
          .put("authentication_method", "oauth2").put("context", context);
      ferry.admin(HttpMethod.POST, "/integrated-account", body).await();
      ferry.admin(HttpMethod.POST, "/integrated-account", body.copy().put("region", "nowhere")).await();
      ferry.admin(HttpMethod.POST, "/integrated-account", "{\"context\": {\"api_key\": \"sk_live_LOGCHECK\"").await();
      ferry.stop().await();
    } finally {
      root.detachAppender(captured);
    }
    assertThat(captured.list).isNotEmpty();
    for (ILoggingEvent event : captured.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain("LOGCHECK");
    }
  }
}
