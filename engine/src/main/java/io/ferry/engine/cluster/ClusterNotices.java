package io.ferry.engine.cluster;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@link Notice}s to the other nodes through PostgreSQL {@code NOTIFY} on one channel per Ferry schema. Inside a
 * transaction the notification leaves only if the change commits (PostgreSQL holds NOTIFY until commit). On the
 * embedded store, or with clustering off, there are no other nodes: sending does nothing.
 */
public final class ClusterNotices {

  /** The longest a write waits for the other nodes' acknowledgements. */
  public static final long ACK_WAIT_MILLIS = 500;

  private final AtomicLong sequence = new AtomicLong();
  private final Map<Long, Acked> awaiting = new ConcurrentHashMap<>();
  /** The other live nodes, refreshed with every heartbeat. */
  private volatile Set<String> peers = Set.of();

  private final Database db;
  private final String nodeId;
  private final String channel;
  private final boolean shared;

  public ClusterNotices(Database db, String nodeId, boolean enabled) {
    this.db = db;
    this.nodeId = nodeId;
    this.shared = enabled && db.vendor() == Database.Vendor.POSTGRES;
    this.channel = channelFor(db.schema());
  }

  /** No other nodes: for the embedded store and tests that build the pieces by hand. */
  public static ClusterNotices localOnly(Database db) {
    return new ClusterNotices(db, "local", false);
  }

  /**
   * NOTIFY reaches every listener of the database, so the channel is named after the schema: two Ferry installations
   * in one database (or parallel test schemas) never hear each other.
   */
  static String channelFor(String schema) {
    String s = schema == null || schema.isBlank() ? "public" : schema.trim().toLowerCase(java.util.Locale.ROOT);
    String name = "ferry_cluster_" + s.replaceAll("[^a-z0-9_]", "_");
    if (name.length() <= 63) {
      return name;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "ferry_cluster_" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String nodeId() {
    return nodeId;
  }

  public String channel() {
    return channel;
  }

  /** True when other nodes may share the database (PostgreSQL with clustering on). */
  public boolean shared() {
    return shared;
  }

  /** Queues {@code n} for the other nodes on {@code tx}: delivered when it commits, dropped if it rolls back. */
  public Future<Void> inTransaction(SqlClient tx, Notice n) {
    return shared ? db.run(tx, SqlQueries.CLUSTER_NOTIFY, Map.of("channel", channel, "payload", n.from(nodeId).toWire()))
        .mapEmpty() : Future.succeededFuture();
  }

  /** As {@link #inTransaction(SqlClient, Notice)} for many notices, in one batched statement (bulk writes). */
  public Future<Void> inTransaction(SqlClient tx, java.util.List<Notice> notices) {
    if (!shared || notices.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.List<Map<String, Object>> batch = new java.util.ArrayList<>(notices.size());
    notices.forEach(n -> batch.add(Map.of("channel", channel, "payload", n.from(nodeId).toWire())));
    return db.runBatch(tx, SqlQueries.CLUSTER_NOTIFY, batch);
  }

  /** Sends {@code n} to the other nodes now (after a commit made elsewhere). */
  public Future<Void> send(Notice n) {
    return inTransaction(db.pool(), n);
  }

  /**
   * A notice whose writer waits until every other live node has applied it: {@link Acked#send} inside the
   * transaction, then {@link Acked#delivered} after the commit. Each node acknowledges such a notice once it has
   * queued the invalidation ahead of any later call, so a write answered after that is seen by the next call on any
   * node (read-your-writes across nodes). The wait is one notification round trip, bounded by
   * {@link #ACK_WAIT_MILLIS} so a dead node still listed never holds writes up for long.
   */
  public Acked acked(Vertx vertx, Notice n) {
    return new Acked(vertx, n, shared ? sequence.incrementAndGet() : 0);
  }

  void peers(Set<String> others) {
    peers = Set.copyOf(others);
  }

  /** Node {@code from} applied our notice {@code seq}. */
  void ack(String from, long seq) {
    Acked a = awaiting.get(seq);
    if (a != null) {
      a.ackedBy(from);
    }
  }

  /** One notice whose acknowledgements are awaited; see {@link #acked}. */
  public final class Acked {
    private final Vertx vertx;
    private final Notice notice;
    private final long seq;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Promise<Void> done = Promise.promise();
    private Context context;

    private Acked(Vertx vertx, Notice notice, long seq) {
      this.vertx = vertx;
      this.notice = notice;
      this.seq = seq;
    }

    public Future<Void> send(SqlClient tx) {
      if (seq == 0) {
        return Future.succeededFuture();
      }
      context = vertx.getOrCreateContext();
      pending.addAll(peers);
      awaiting.put(seq, this);
      return db.run(tx, SqlQueries.CLUSTER_NOTIFY, Map.of("channel", channel, "payload", notice.from(nodeId, seq).toWire()))
          .mapEmpty();
    }

    private void ackedBy(String node) {
      if (pending.remove(node) && pending.isEmpty()) {
        finish();
      }
    }

    private void finish() {
      awaiting.remove(seq);
      context.runOnContext(v -> done.tryComplete());
    }

    /** After the commit: completes when every other live node acknowledged, or after {@link #ACK_WAIT_MILLIS}. */
    public Future<Void> delivered() {
      if (seq == 0 || pending.isEmpty()) {
        awaiting.remove(seq);
        return Future.succeededFuture();
      }
      long timer = vertx.setTimer(ACK_WAIT_MILLIS, id -> finish());
      return done.future().andThen(ar -> vertx.cancelTimer(timer));
    }

    /** The transaction failed: nothing to wait for. */
    public void cancel() {
      awaiting.remove(seq);
    }
  }

  /** Outside a transaction: sends {@code n} and completes once the other live nodes applied it (bounded wait). */
  public Future<Void> sendAcked(Vertx vertx, Notice n) {
    Acked a = acked(vertx, n);
    return a.send(db.pool()).compose(v -> a.delivered(), e -> {
      a.cancel();
      return Future.failedFuture(e);
    });
  }

  /**
   * Announces a committed change from anywhere on this node: caches here drop the entry at once, and the cluster
   * verticle tells the other nodes. Invalidations complete once the other nodes applied them (so the change's answer
   * can wait for that); rate-limit notices at once. Never fails: the change itself is committed.
   */
  public static Future<Void> announce(Vertx vertx, Notice n) {
    if (n.isInvalidation()) {
      vertx.eventBus().publish(Addresses.CLUSTER_INVALIDATE, n, Bus.LOCAL);
    }
    return vertx.eventBus().request(Addresses.CLUSTER_ANNOUNCE, n, Bus.LOCAL).<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }
}
