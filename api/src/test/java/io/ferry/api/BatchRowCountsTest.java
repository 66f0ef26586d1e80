package io.ferry.api;

import io.ferry.engine.store.Database;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("a batched statement answers each parameter set's row count, in order, on both stores")
class BatchRowCountsTest {

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  @DisplayName("a versioned update batch with one stale version: 1, 0, 1")
  void staleVersionCountsZero(String store, Vertx vertx) {
    Database db = Database.open(vertx, FerryServer.options("h2".equals(store) ? null : TestDatabases.postgresUrl()));
    try {
      db.pool().query("CREATE TABLE counted (id VARCHAR(8) PRIMARY KEY, version BIGINT NOT NULL)").execute().await();
      db.inTransaction(tx -> db.runBatch(tx, "INSERT INTO counted (id, version) VALUES (#{id}, 0)",
          List.of(Map.of("id", "a"), Map.of("id", "b"), Map.of("id", "c")))).await();

      List<Integer> counts = db.inTransaction(tx -> db.runBatchCounts(tx,
          "UPDATE counted SET version = version + 1 WHERE id = #{id} AND version = #{version}",
          List.of(Map.of("id", "a", "version", 0), Map.of("id", "b", "version", 7), Map.of("id", "c", "version", 0)))).await();

      assertThat(counts).containsExactly(1, 0, 1);
    } finally {
      db.close().await();
    }
  }
}
