package io.ferry.engine.cluster;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Sends {@link Notice}s to the other nodes through PostgreSQL {@code NOTIFY} on one channel per Ferry schema. Inside a
 * transaction the notification leaves only if the change commits (PostgreSQL holds NOTIFY until commit). On the
 * embedded store, or with clustering off, there are no other nodes: sending does nothing.
 */
public final class ClusterNotices {

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

  /** Sends {@code n} to the other nodes now (after a commit made elsewhere). */
  public Future<Void> send(Notice n) {
    return inTransaction(db.pool(), n);
  }

  /**
   * Announces a committed change from anywhere on this node: caches here drop the entry at once, and the cluster
   * verticle tells the other nodes. For owners that have no {@code ClusterNotices} at hand.
   */
  public static void announce(Vertx vertx, Notice n) {
    if (n.isInvalidation()) {
      vertx.eventBus().publish(Addresses.CLUSTER_INVALIDATE, n, Bus.LOCAL);
    }
    vertx.eventBus().publish(Addresses.CLUSTER_ANNOUNCE, n, Bus.LOCAL);
  }
}
