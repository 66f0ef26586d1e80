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
    // the creation time is in the name, so a cleanup never drops a schema another suite running now is using (and the
    // prefix is not matched by the older cleanup, LIKE 'ferry_t_%', still in use by suites built from older sources)
    String schema = "ferrytest_" + Long.toHexString(System.currentTimeMillis() / 1000) + "_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Vertx vertx = Vertx.vertx();
    try {
      SqlClient client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(base)).using(vertx).build();
      if (!cleaned) {
        // schemas left by runs of the suite more than an hour ago (other suites may be running now on this database)
        for (var row : client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ferrytest\\_%\\_%'").execute().await()) {
          String[] parts = row.getString(0).split("_");
          if (parts.length == 3 && isHex(parts[1]) && Long.parseLong(parts[1], 16) * 1000 < System.currentTimeMillis() - 3_600_000) {
            client.query("DROP SCHEMA " + row.getString(0) + " CASCADE").execute().await();
          }
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

  private static boolean isHex(String s) {
    return !s.isEmpty() && s.length() <= 12 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
