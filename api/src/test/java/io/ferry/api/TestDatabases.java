package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import org.junit.jupiter.api.Assumptions;

import java.util.UUID;

/**
 * The databases the store contract runs on. PostgreSQL comes from {@code FERRY_TEST_DATABASE_URL} (default: the local
 * test database); each call gets a fresh schema so suites never see each other's rows. Unreachable PostgreSQL skips
 * the suite locally and fails it when {@code CI=true}.
 */
public final class TestDatabases {
  public static final String DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test";

  private TestDatabases() {
  }

  private static boolean cleaned;

  public static synchronized String postgresUrl() {
    String base = System.getenv().getOrDefault("FERRY_TEST_DATABASE_URL", DEFAULT_PG);
    String schema = "ferry_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Vertx vertx = Vertx.vertx();
    try {
      SqlClient client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(base)).using(vertx).build();
      if (!cleaned) {
        // schemas left by earlier runs of the suite
        for (var row : client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ferry_t_%'").execute().await()) {
          client.query("DROP SCHEMA " + row.getString(0) + " CASCADE").execute().await();
        }
        cleaned = true;
      }
      client.query("CREATE SCHEMA " + schema).execute().await();
      client.close().await();
    } catch (Exception e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL at " + base + " is required when CI=true: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL not reachable at " + base + ": " + e.getMessage());
    } finally {
      vertx.close();
    }
    return base + (base.contains("?") ? "&" : "?") + "search_path=" + schema;
  }
}
