package io.ferry.engine.store;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;

import java.util.Map;
import java.util.function.Function;

/**
 * The store's connection pool, embedded H2 or PostgreSQL behind the same {@link Pool} API. JDBC (H2) work runs on
 * worker threads inside the JDBC pool, never on an event loop.
 */
public final class Database {

  public enum Vendor { H2, POSTGRES }

  private final Pool pool;
  private final Vendor vendor;
  /** PostgreSQL only: how to open connections outside the pool (the cluster's LISTEN connection). */
  private final PgConnectOptions pgOptions;
  /** Embedded store in the data dir only: held while this process uses it. */
  private final DataDirLock lock;
  private final H2Compaction compaction;

  private Database(Pool pool, Vendor vendor, PgConnectOptions pgOptions, DataDirLock lock, H2Compaction compaction) {
    this.pool = pool;
    this.vendor = vendor;
    this.pgOptions = pgOptions;
    this.lock = lock;
    this.compaction = compaction;
  }

  public static Database open(Vertx vertx, FerryOptions options) {
    String url = options.databaseUrl();
    if (url == null) {
      // one process per data dir: a second one would fight over the H2 file and the outbox
      DataDirLock lock = DataDirLock.acquire(options.dataDir());
      String file = options.dataDir().toAbsolutePath().normalize().resolve("ferry").toString();
      try {
        return h2(vertx, "jdbc:h2:file:" + file, lock);
      } catch (RuntimeException e) {
        lock.release();
        throw e;
      }
    }
    if (url.startsWith("jdbc:h2:")) {
      return h2(vertx, url, null);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      PgConnectOptions connect = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"))
          .setCachePreparedStatements(true);
      Pool pool = PgBuilder.pool().with(poolOptions().setName("ferry-pg").setShared(true))
          .connectingTo(connect).using(vertx).build();
      return new Database(pool, Vendor.POSTGRES, connect, null, null);
    }
    throw new IllegalArgumentException("FERRY_DATABASE_URL must be postgresql://user@host:port/db or jdbc:h2:..., got a "
        + url.split(":", 2)[0] + " URL");
  }

  /**
   * No wait-queue timeout in the pool: in vertx-sql-client 5.0.7 a waiter's timer can outlive its grant (the pool is
   * shared by the event loops), and when it fires, its cancel throws "Promise already completed" inside the pool's
   * task chain (eclipse-vertx/vertx-sql-client#1567), which stranded the waiters queued behind it: two single imports
   * of 100k waited the full 30 s and answered 504. Every caller already has its own deadline (bus and request
   * timeouts), and a store that cannot be reached fails the waiters through its connect errors.
   */
  private static PoolOptions poolOptions() {
    return new PoolOptions().setMaxSize(4).setConnectionTimeout(0);
  }

  static {
    // H2 dedups every value it reads through a shared cache, hashing and comparing each string read (an account
    // row's context and sealed secrets are hundreds of characters): 11% of the embedded store's CPU under single
    // imports, for objects that are garbage a moment later. Read before H2's first use; an explicit setting wins.
    if (System.getProperty("h2.objectCache") == null) {
      System.setProperty("h2.objectCache", "false");
    }
  }

  private static Database h2(Vertx vertx, String url, DataDirLock lock) {
    // Lower-case identifiers like PostgreSQL, so one SQL text and one row mapper serve both stores.
    // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, and a kill -9 in that window loses
    // changes Ferry already answered 2xx for. RETENTION_TIME=200: a freed chunk is reusable after 200 ms instead of
    // 45 s. Under steady writes the file carries the last retention window of chunks, mostly garbage: at 1 s it was
    // 270 MB after 100k single imports, at 200 ms 226 MB (same live data). H2 retains chunks for disks that reorder
    // unsynced writes; it does not fsync a commit either, so a process crash (kill -9, KillNineTest under steady
    // imports) is what this store survives, and that does not depend on the retention. H2's compaction on close stays
    // (it overwrites dead chunks); rotate-keys does not rely on it and rewrites the file (rewriteWithoutFreedSpace).
    // Not 0: it kept the young file under 3x its live data, but a commit then met "Chunk 488 not found" in CI (H2 freed
    // a chunk a transaction still read; h2database#4383, nitrite-java#1303).
    // COMPRESS: pages are written LZF-compressed. Each commit rewrites whole pages (copy on write), so the file carries
    // its young chunks, mostly garbage, beside the live data; compressed, the file peaked at 26 MB instead of 58-65 MB
    // over 20k single imports (2.1x its compacted size instead of 4.6-5.2x). Alone it cost ~30% more CPU per single
    // import; with each import's audit record in its own commit and no compaction of a mostly-live file (H2Compaction),
    // 100k single imports took 1.72 ms of CPU each against 1.94 ms uncompressed before (back to back). Files written
    // without it stay readable: each page records whether it is compressed.
    // A jdbc:h2 URL's own COMPRESS wins (H2 refuses a setting given twice).
    String compress = url.toUpperCase(java.util.Locale.ROOT).contains(";COMPRESS=") ? "" : ";COMPRESS=TRUE";
    String full = url + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;RETENTION_TIME=200" + compress;
    Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(full).setUser("sa").setPassword(""),
        poolOptions().setName("ferry-h2"));
    return new Database(pool, Vendor.H2, null, lock, url.startsWith("jdbc:h2:file:") ? new H2Compaction(vertx, full) : null);
  }

  public Pool pool() {
    return pool;
  }

  public Vendor vendor() {
    return vendor;
  }

  /** PostgreSQL, where statements may take arrays and bulk forms the embedded store lacks. */
  public boolean postgres() {
    return vendor == Vendor.POSTGRES;
  }

  /** PostgreSQL connection options (for connections outside the pool), or null on the embedded store. */
  public PgConnectOptions pgConnectOptions() {
    return pgOptions == null ? null : new PgConnectOptions(pgOptions);
  }

  /** The PostgreSQL schema named by the URL's {@code search_path}, or null (default schema, or the embedded store). */
  public String schema() {
    return pgOptions == null ? null : pgOptions.getProperties().get("search_path");
  }

  /**
   * Nodes starting together on an empty PostgreSQL schema would race to migrate and seed it; each start therefore
   * runs under a schema-wide advisory lock, held on a connection of its own (the wait happens inside PostgreSQL, no
   * thread blocks) and released by closing that connection, which a crash does too. The embedded store has one
   * process: nothing to hold.
   */
  public Future<Runnable> startupLock(Vertx vertx) {
    if (pgOptions == null) {
      return Future.succeededFuture(() -> { });
    }
    return io.vertx.pgclient.PgConnection.connect(vertx, pgConnectOptions())
        .compose(conn -> conn.query("SELECT pg_advisory_lock(hashtext('ferry-startup:' || current_schema()))").execute()
            .<Runnable>map(rs -> conn::close)
            .onFailure(e -> conn.close()));
  }

  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  /** Runs a named-parameter statement ({@code #{name}}) on the pool or a transaction's connection. */
  public Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> run(SqlClient client, String sql, Map<String, Object> params) {
    if (vendor == Vendor.H2 && client == pool) {
      // vertx-jdbc-client 5.0.7 leaves a pooled connection in manual-commit mode after any transaction
      // (JDBCTxOp calls setAutoCommit(false) after commit), so a later plain statement on it would never be
      // committed. Every H2 statement therefore runs in its own explicit transaction.
      return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, sql).execute(params));
    }
    return SqlTemplate.forQuery(client, sql).execute(params);
  }

  /** One statement for many parameter sets, in one round trip where the driver allows (a transaction's connection). */
  public Future<Void> runBatch(SqlClient tx, String sql, java.util.List<Map<String, Object>> batch) {
    return batch.isEmpty() ? Future.succeededFuture() : SqlTemplate.forUpdate(tx, sql).executeBatch(batch).mapEmpty();
  }

  /** As {@link #runBatch}, answering each parameter set's row count, in order. */
  public Future<java.util.List<Integer>> runBatchCounts(SqlClient tx, String sql, java.util.List<Map<String, Object>> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(java.util.List.of());
    }
    return SqlTemplate.forQuery(tx, sql).executeBatch(batch).map(rs -> {
      java.util.List<Integer> counts = new java.util.ArrayList<>(batch.size());
      if (vendor == Vendor.H2) {
        // the JDBC client answers JDBC's executeBatch() counts as one row each
        rs.forEach(row -> counts.add(row.getInteger(0)));
      } else {
        for (io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> r = rs; r != null; r = r.next()) {
          counts.add(r.rowCount());
        }
      }
      if (counts.size() != batch.size()) {
        throw new IllegalStateException("the driver answered " + counts.size() + " row counts for a batch of " + batch.size());
      }
      return counts;
    });
  }

  /**
   * On the pool; a read that fails because the connection dropped (a restarted or terminated backend) is retried once
   * on a fresh connection. Writes are not: a dropped commit may have landed, and only the caller may decide.
   */
  public Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> run(String sql, Map<String, Object> params) {
    Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> first = run(pool, sql, params);
    if (!sql.regionMatches(true, 0, "SELECT", 0, 6)) {
      return first;
    }
    return first.recover(e -> StoreFaults.isConnectionFault(e) ? run(pool, sql, params) : Future.failedFuture(e));
  }

  public Future<Boolean> ping() {
    return pool.query("SELECT 1").execute().map(rs -> true);
  }

  /** Starts background upkeep of the store (H2 file compaction); nothing on PostgreSQL. */
  public void startUpkeep() {
    if (compaction != null) {
      compaction.start();
    }
  }

  /**
   * Rewrites the embedded store's file from its live data alone ({@code SHUTDOWN COMPACT}), so nothing a past write
   * left in freed chunks survives: after rotate-keys no ciphertext of a retired key stays in the file. The time-boxed
   * compaction H2 runs on close did this only when it finished in time (a busy CI box left the old key id behind).
   * It shuts the database down: only for offline commands, followed by {@link #close()}. PostgreSQL reclaims dead rows
   * through autovacuum; there nothing is done here (see the README on rotating keys).
   */
  public Future<Void> rewriteWithoutFreedSpace() {
    if (compaction == null) { // PostgreSQL, or an in-memory H2: no file
      return Future.succeededFuture();
    }
    // H2 answers the SHUTDOWN itself with "database is already closed" (90121) once it has done it
    return pool.query("SHUTDOWN COMPACT").execute().<Void>mapEmpty()
        .recover(e -> e instanceof java.sql.SQLException s && s.getErrorCode() == 90121
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  public Future<Void> close() {
    return (compaction == null ? Future.<Void>succeededFuture() : compaction.stop()).transform(ar -> pool.close())
        .eventually(() -> {
          if (lock != null) {
            lock.release();
          }
          return Future.succeededFuture();
        });
  }
}
