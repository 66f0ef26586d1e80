package io.ferry.engine.store;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class H2DurabilityTest {

  @Test
  @DisplayName("plain statements after a transaction are committed on H2 (every pooled connection), and survive a reopen")
  void writesAfterATransactionAreDurable(Vertx vertx) throws Exception {
    FerryOptions options = FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("h2").toString()));
    Database db = Database.open(vertx, options);
    Migrations.migrate(db).await();
    db.inTransaction(conn -> db.run(conn, SqlQueries.INSERT_TEAM, params("id", "t0", "name", "tx", "now", 1L))).await();
    for (int i = 1; i <= 12; i++) {
      db.run(SqlQueries.INSERT_TEAM, params("id", "t" + i, "name", "plain", "now", 1L)).await();
    }
    db.close().await();

    Database reopened = Database.open(vertx, options);
    long count = ((Number) reopened.pool().query("SELECT COUNT(*) FROM team").execute().await().iterator().next().getValue(0)).longValue();
    reopened.close().await();
    assertThat(count).isEqualTo(13);
  }
}
