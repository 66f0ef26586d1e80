package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store serves one process: a second one on the same data directory is refused at start. */
@ExtendWith(VertxExtension.class)
@DisplayName("embedded store: one process per data directory")
class DataDirLockTest {

  FerryServer first;

  @AfterEach
  void stop() {
    if (first != null) {
      first.stop().await();
    }
  }

  @Test
  @DisplayName("a second Ferry process on the same data directory exits at start, saying why; after a stop it may start")
  void secondProcessRefused(Vertx vertx) throws Exception {
    FerryOptions options = FerryServer.options(null);
    first = FerryServer.start(vertx, options).await();

    FerryProcess second = FerryProcess.of(options.dataDir(), null, Map.of()).start();
    assertThat(second.awaitExit(60)).isEqualTo(1);
    assertThat(second.output()).contains("is in use by another Ferry process (pid " + ProcessHandle.current().pid() + ")")
        .contains("FERRY_DATABASE_URL");

    // the same refusal inside one process
    var again = Ferry.start(vertx, options.withHttpPort(0));
    assertThat(again.failed()).isTrue();
    assertThat(again.cause()).hasMessageContaining("is in use by another Ferry process");

    first.stop().await();
    first = FerryServer.start(vertx, options).await();
    assertThat(first.ferry().port()).isPositive();
  }
}
