package io.ferry.engine.cluster;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;

/**
 * This node's part in the cluster: listens on the schema's NOTIFY channel (reconnecting with backoff; a node that
 * regains the channel drops every cache, since it may have missed notifications), relays this node's announcements
 * to the others, heartbeats into {@code cluster_node} and serves {@code GET /cluster}. On the embedded store it only
 * heartbeats: there is one node and every notice is local.
 */
public final class ClusterVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterVerticle.class);
  /** A node whose last beat is older than this many beats is not listed. */
  static final int LIVE_BEATS = 3;
  private static final long FORGET_NODES_AFTER_MILLIS = 3_600_000;

  private final Database db;
  private final ClusterNotices notices;
  private final ClusterStore store;
  private final String version;
  private final long heartbeatMillis;
  private final PgConnectOptions subscriberOptions;
  private final long startedAt = System.currentTimeMillis();
  private String host = "unknown";
  private PgSubscriber subscriber;
  private int subscriptions;
  private long timer;
  private long beats;

  public ClusterVerticle(Database db, ClusterNotices notices, String version, long heartbeatMillis) {
    this.db = db;
    this.notices = notices;
    this.store = new ClusterStore(db, notices);
    this.version = version;
    this.heartbeatMillis = heartbeatMillis;
    this.subscriberOptions = db.pgConnectOptions();
    if (subscriberOptions != null) {
      subscriberOptions.addProperty("application_name", "ferry-cluster-listener"); // findable in pg_stat_activity
    }
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, Notice.class);
    Invalidations.apiTokens(vertx); // other nodes' token changes reach the principal caches as local revocations
    vertx.eventBus().<Notice>localConsumer(Addresses.CLUSTER_ANNOUNCE, m -> relay(m.body()).onComplete(ar -> m.reply(null, Bus.LOCAL)));
    return vertx.executeBlocking(() -> InetAddress.getLocalHost().getHostName())
        .recover(e -> Future.succeededFuture(System.getenv().getOrDefault("HOSTNAME", "unknown")))
        .compose(h -> {
          host = h;
          return store.join(host, version, startedAt);
        })
        .compose(v -> tokenTrigger())
        .compose(v -> listen())
        .compose(v -> refreshPeers(System.currentTimeMillis()))
        .compose(v -> Bus.<ApiCall, ApiResult>serve(vertx, Addresses.CLUSTER, this::admin).completion())
        .onSuccess(v -> timer = vertx.setPeriodic(heartbeatMillis, id -> beat()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    Future<Void> closed = subscriber == null ? Future.succeededFuture() : subscriber.close();
    return closed.compose(v -> store.leave()).recover(e -> Future.succeededFuture());
  }

  private Future<Void> listen() {
    if (!notices.shared()) {
      return Future.succeededFuture();
    }
    subscriber = PgSubscriber.subscriber(vertx, subscriberOptions)
        .reconnectPolicy(attempt -> Math.min(5_000L, 100L << Math.min(attempt, 6)));
    subscriber.channel(notices.channel())
        .subscribeHandler(v -> subscribed())
        .handler(this::received);
    return subscriber.connect();
  }

  /** API-token rows notify every node themselves, whichever code (or SQL) changes them. */
  private Future<Void> tokenTrigger() {
    if (!notices.shared()) {
      return Future.succeededFuture();
    }
    return db.pool().query(SqlQueries.API_TOKEN_TRIGGER_EXISTS).execute().compose(rs -> rs.size() > 0 ? Future.succeededFuture()
        : db.pool().query(SqlQueries.API_TOKEN_TRIGGER.formatted(notices.channel())).execute().mapEmpty());
  }

  /** Called on every LISTEN: at start, and after each reconnect. */
  private void subscribed() {
    if (subscriptions++ > 0) {
      LOG.warn("Cluster channel {} regained after a disconnect: dropping every cache", notices.channel());
      vertx.eventBus().publish(Addresses.CLUSTER_INVALIDATE, Notice.of(Notice.Kind.ALL, null), Bus.LOCAL);
    }
    // pauses set by other nodes while this one was not listening
    store.activePauses().onSuccess(pauses -> pauses.forEach(p -> vertx.eventBus().publish(Addresses.CLUSTER_RATE_LIMITS,
        RateLimitNotices.pause(p.accountId(), p.until(), p.reason()), Bus.LOCAL)))
        .onFailure(e -> LOG.warn("Reading the shared rate-limit pauses failed: {}", e.getMessage()));
  }

  private void received(String payload) {
    Notice n = Notice.fromWire(payload);
    if (n == null) {
      return; // another program's NOTIFY on the channel
    }
    if (notices.nodeId().equals(n.origin())) {
      return; // our own echo, applied here already
    }
    if (n.kind() == Notice.Kind.ACK) {
      if (notices.nodeId().equals(n.id())) {
        notices.ack(n.origin(), n.seq());
      }
      return;
    }
    vertx.eventBus().publish(n.isInvalidation() ? Addresses.CLUSTER_INVALIDATE : Addresses.CLUSTER_RATE_LIMITS, n, Bus.LOCAL);
    if (n.seq() != 0) {
      // the drop is now queued ahead of any later call on this node: the writer may answer
      notices.send(new Notice(Notice.Kind.ACK, n.origin(), null, null, n.seq()))
          .onFailure(e -> LOG.warn("Acknowledging a notice failed: {}", e.getMessage()));
    }
  }

  private Future<Void> relay(Notice n) {
    if (!notices.shared()) {
      return Future.succeededFuture();
    }
    Future<Void> sent = switch (n.kind()) {
      case PAUSE -> store.pause(n);
      case QUOTA -> notices.send(n);
      default -> notices.sendAcked(vertx, n);
    };
    return sent.onFailure(e -> LOG.warn("Telling the other nodes about {} {} failed: {}", n.kind(), n.id(), e.getMessage()));
  }

  private void beat() {
    long now = System.currentTimeMillis();
    Future<Void> beat = store.beat(host, version, startedAt).compose(v -> refreshPeers(now));
    if (++beats % 60 == 0) {
      beat = beat.compose(v -> store.prune(now - FORGET_NODES_AFTER_MILLIS, now - 60_000));
    }
    beat.onFailure(e -> LOG.warn("Cluster heartbeat failed: {}", e.getMessage()));
  }

  /** The other live nodes, whose acknowledgements writers wait for. */
  private Future<Void> refreshPeers(long now) {
    return store.liveNodes(now - LIVE_BEATS * heartbeatMillis).map(nodes -> {
      java.util.Set<String> others = new java.util.HashSet<>();
      nodes.forEach(n -> others.add(((JsonObject) n).getString("node_id")));
      others.remove(notices.nodeId());
      notices.peers(others);
      return null;
    });
  }

  private Future<ApiResult> admin(ApiCall call) {
    if (!call.principal().admin()) {
      return Future.failedFuture(new FerryFailure(ErrorCode.FORBIDDEN, "only the admin token may list cluster nodes"));
    }
    return store.liveNodes(System.currentTimeMillis() - LIVE_BEATS * heartbeatMillis)
        .map(nodes -> ApiResult.ok(new JsonObject().put("this_node", notices.nodeId())
            .put("coordination", notices.shared() ? "postgresql" : "single node")
            .put("result", nodes).putNull("next_cursor").put("limit", nodes.size())));
  }
}
