package io.ferry.engine.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Keeps the embedded store's file near the size of its live data. With {@code WRITE_DELAY=0} (each commit on disk
 * before Ferry answers) H2 runs no background writer, so nothing compacts: every commit appends a chunk and the file
 * grew ~100× its live data under steady imports. Five times a second this rewrites the live pages of chunks under
 * {@link #TARGET_FILL_PERCENT} full ({@code compact}: the pages are rewritten like any concurrent write, so freed
 * chunks are reused), on a worker thread, a bounded amount each time. Measured at 100k + 100k imports
 * ({@code bench/run-accounts.sh}): once a second with a 90% target the file peaked at 5.4× its compacted size; five
 * times a second, 3.1× (75% and 90% targets alike; 75% rewrites less), for ~30% more CPU per single import while it
 * runs. Ten times a second gave the same 3.1× for 50% more CPU again; a loop of passes with explicit commits made
 * it worse (1.9 GB after 2 minutes): each commit appends a chunk. Later, with a 200 ms retention time (Database), a
 * 90% target peaked higher than 75% (3.2× against 3.0×): more rewriting is more young chunks. Starting passes only
 * when the chunks old enough to rewrite are under the target (H2 counts the young ones too, mostly garbage) also
 * peaked higher (3.3× against 3.0× at 50k + 50k).
 * Not {@code compactFile}: it moves chunks and is not safe beside concurrent commits (H2 asserts). A pass with
 * no commit since the last one began rewrites 1 MB instead of 2 MB ({@link #rewriteBudget}).
 * <p>The budget counts file bytes, which are LZF-compressed since the store is ({@code COMPRESS}, Database): 4 MB
 * then rewrote and recompressed twice the pages for no smaller a file (20k imports: 27 MB peak at 4 MB and at 2 MB,
 * 4.3-4.6 against 3.7-3.8 ms of CPU per import); at 1 MB chunks of earlier passes were never rewritten (35 MB).
 * <p>No pass while half the file or more is live data ({@link #LIVE_ENOUGH_PERCENT}): the file is then under ~2x
 * its live data, and rewriting more only took the cores from the writers. At 100k + 100k imports: single imports
 * 1.8 instead of 2.2-2.5 ms of CPU each, the bulk load 11.6k instead of 3.8-5.0k accounts/s, for a file peaking at
 * 2.1x instead of 1.65x its compacted size while the singles ran (every 15 s checkpoint 2.8x or under).
 */
final class H2Compaction {
  private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);
  static final long PERIOD_MILLIS = 200;
  static final int TARGET_FILL_PERCENT = 75;
  static final int MAX_REWRITE_BYTES = 2 << 20; // a pass holds the store: keep each one short
  static final int IDLE_REWRITE_BYTES = 1 << 20;
  /** Passes start only while less of the file than this is live data (more: the file is under ~2x its live data). */
  static final int LIVE_ENOUGH_PERCENT = 50;

  private final Vertx vertx;
  private final String url;
  private Connection connection;
  private long timer = -1;
  private boolean running;
  /** The store's version when the last pass began (passes never overlap; each may run on another worker). */
  private volatile long versionAtPass = -1;

  H2Compaction(Vertx vertx, String url) {
    this.vertx = vertx;
    this.url = url;
  }

  void start() {
    timer = vertx.setPeriodic(PERIOD_MILLIS, id -> {
      if (running) {
        return; // the last pass is still going: skip, never queue
      }
      running = true;
      vertx.executeBlocking(this::pass, false).onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          LOG.warn("Embedded store compaction failed: {}", ar.cause().toString());
        }
      });
    });
  }

  private Void pass() throws SQLException {
    MVStore store = store();
    if (store != null && !store.isClosed()) {
      pass(store);
    }
    return null;
  }

  /** One bounded rewrite of the chunks under the target fill rate. */
  void pass(MVStore store) {
    int budget = rewriteBudget(store);
    versionAtPass = store.getCurrentVersion(); // before: a commit landing while this pass runs makes the next one full
    if (livePercent(store) >= LIVE_ENOUGH_PERCENT) {
      return; // the file is at most ~2x its live data: leave the cores to the writers
    }
    store.compact(TARGET_FILL_PERCENT, budget);
  }

  /** How much of the file is live data: the share of its blocks in chunks times the live share of those chunks. */
  static int livePercent(MVStore store) {
    return store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
  }

  /**
   * How many bytes the next pass may rewrite. When nothing was committed since the last pass began (the rewrite itself
   * does not commit), no writer is waiting for space: tidy up gently and leave the cores to reads (right after a 100k
   * bulk load, full passes made a 100-row list ~1.6× slower).
   */
  int rewriteBudget(MVStore store) {
    return store.getCurrentVersion() == versionAtPass ? IDLE_REWRITE_BYTES : MAX_REWRITE_BYTES;
  }

  /** A connection of our own into the same in-process database: the pool's are busy serving statements. */
  private MVStore store() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, "sa", "");
    }
    return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal s
        ? s.getDatabase().getStore().getMvStore() : null;
  }

  Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return vertx.executeBlocking(() -> {
      if (connection != null) {
        connection.close();
      }
      return null;
    }, false);
  }
}
