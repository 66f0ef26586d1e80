package io.ferry.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow and greedy clients: a connection must deliver a request's headers within the header timeout of opening (and
 * of its previous answer), else it is closed (slowloris drips bytes and so never trips the idle timeout); and one
 * client address holds at most {@code maxPerAddress} connections (counted across all HTTP instances), more are closed
 * at once. One instance per HTTP verticle: the timers map is confined to its event loop.
 */
final class ConnectionGuard implements Handler<HttpConnection> {
  /** Connections per client address, shared by every HTTP instance of one Ferry. */
  static final class Counts {
    final ConcurrentMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
  }

  private final Vertx vertx;
  private final Counts counts;
  private final int maxPerAddress;
  private final long headerTimeoutMillis;
  private final Map<HttpConnection, Long> waitingForHeaders = new HashMap<>();

  ConnectionGuard(Vertx vertx, Counts counts, int maxPerAddress, long headerTimeoutMillis) {
    this.vertx = vertx;
    this.counts = counts;
    this.maxPerAddress = maxPerAddress;
    this.headerTimeoutMillis = headerTimeoutMillis;
  }

  @Override
  public void handle(HttpConnection conn) {
    String address = conn.remoteAddress() == null || conn.remoteAddress().hostAddress() == null ? "?"
        : conn.remoteAddress().hostAddress();
    AtomicInteger open = counts.byAddress.computeIfAbsent(address, a -> new AtomicInteger());
    int now = open.incrementAndGet();
    conn.closeHandler(v -> {
      Long timer = waitingForHeaders.remove(conn);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      if (open.decrementAndGet() <= 0) {
        counts.byAddress.remove(address, open);
      }
    });
    if (now > maxPerAddress) {
      conn.close();
      return;
    }
    awaitHeaders(conn);
  }

  /** Headers arrived: the request runs; the clock starts again when its answer is sent (keep-alive). */
  void requestStarted(HttpServerRequest request) {
    HttpConnection conn = request.connection();
    Long timer = waitingForHeaders.remove(conn);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    request.response().endHandler(v -> awaitHeaders(conn));
  }

  private void awaitHeaders(HttpConnection conn) {
    if (headerTimeoutMillis <= 0) {
      return;
    }
    Long previous = waitingForHeaders.put(conn, vertx.setTimer(headerTimeoutMillis, id -> {
      if (waitingForHeaders.remove(conn, id)) {
        conn.close();
      }
    }));
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }
}
