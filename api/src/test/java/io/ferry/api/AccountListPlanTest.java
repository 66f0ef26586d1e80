package io.ferry.api;

import io.ferry.engine.store.Database;
import io.ferry.engine.store.Migrations;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("the embedded store reads every account list page straight off an index, never sorting the environment")
class AccountListPlanTest {

  @ParameterizedTest(name = "filtered by {0}")
  @ValueSource(strings = {"none", "tenant_id", "status", "environment_integration_id", "is_sandbox", "created_gt",
      "status,after_at", "tenant_id,status"})
  @DisplayName("H2's plan for a page says the index gives the order")
  void indexSorted(String filters, Vertx vertx) {
    Database db = Database.open(vertx, FerryServer.options(null));
    try {
      Migrations.migrate(db).await();
      Map<String, Object> p = new HashMap<>();
      p.put("environment_id", "env");
      p.put("limit", 101);
      for (String f : filters.split(",")) {
        switch (f) {
          case "tenant_id" -> p.put("tenant_id", "t");
          case "status" -> p.put("status", "active");
          case "environment_integration_id" -> p.put("environment_integration_id", "ei");
          case "is_sandbox" -> p.put("is_sandbox", false);
          case "created_gt" -> p.put("created_gt", 1L);
          case "after_at" -> {
            p.put("after_at", 5L);
            p.put("after_id", "id");
          }
          default -> { }
        }
      }
      String plan = db.run(db.pool(), "EXPLAIN " + SqlQueries.accounts(p), p).await().iterator().next().getString(0);
      assertThat(plan).as(plan).contains("/* index sorted */");
    } finally {
      db.close().await();
    }
  }
}
