package io.ferry.engine.proxy;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Protects each upstream host (scheme, host, port) from Ferry and Ferry from it: a circuit breaker
 * (vertx-circuit-breaker) opens after consecutive failures (connection errors, timeouts, 5xx) and answers 503 at once
 * until a half-open probe succeeds; a retry budget keeps retries within 20% of the host's calls (Envoy's idea),
 * so a failing host never gets a storm of retries. Node-wide, thread-safe.
 */
final class UpstreamHosts {
  static final int MAX_CONSECUTIVE_FAILURES = 5;
  static final long OPEN_MILLIS = 5_000;
  static final double RETRY_BUDGET = 0.2;
  /** Retries always allowed per window, so a quiet host can still be retried. */
  static final long MIN_RETRIES = 3;
  static final long BUDGET_WINDOW_MILLIS = 10_000;

  private final Vertx vertx;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();

  UpstreamHosts(Vertx vertx) {
    this.vertx = vertx;
  }

  private final class Host {
    final CircuitBreaker breaker;
    final AtomicLong windowStart = new AtomicLong(System.currentTimeMillis());
    final AtomicLong calls = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    Host(String name) {
      breaker = CircuitBreaker.create("upstream " + name, vertx, new CircuitBreakerOptions()
          .setMaxFailures(MAX_CONSECUTIVE_FAILURES).setTimeout(-1).setResetTimeout(OPEN_MILLIS).setFallbackOnFailure(false)
          // no notification address: the breaker's per-call latency histograms and its event-bus publication
          // every 2 s cost a tenth of a proxy call; Ferry's own meters already time upstream calls
          .setNotificationAddress(null));
    }

    void roll() {
      long start = windowStart.get();
      long now = System.currentTimeMillis();
      if (now - start >= BUDGET_WINDOW_MILLIS && windowStart.compareAndSet(start, now)) {
        calls.set(0);
        retries.set(0);
      }
    }
  }

  private Host host(String url) {
    String key;
    try {
      URI u = URI.create(url);
      key = u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    } catch (IllegalArgumentException e) {
      key = url;
    }
    return hosts.computeIfAbsent(key, Host::new);
  }

  /** Sends through the host's breaker: 5xx answers count as failures but are still returned to the caller. */
  Future<UpstreamResponse> send(String url, Supplier<Future<UpstreamResponse>> send) {
    Host h = host(url);
    h.roll();
    h.calls.incrementAndGet();
    return h.breaker.<UpstreamResponse>execute(p -> send.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result().status() >= 500) {
        p.fail(new ServerError(ar.result()));
      } else {
        p.handle(ar);
      }
    })).recover(e -> {
      if (e instanceof ServerError s) {
        return Future.succeededFuture(s.response);
      }
      if (e instanceof OpenCircuitException) {
        return Future.failedFuture(new FerryFailure(ErrorCode.UNAVAILABLE, "the upstream host has failed " + MAX_CONSECUTIVE_FAILURES
            + " times in a row; Ferry stops calling it for " + OPEN_MILLIS / 1000 + " s", null,
            new JsonObject().put("truto_is_remote_error", true)));
      }
      return Future.failedFuture(e);
    });
  }

  /** Whether one more retry fits the host's budget; takes it if so. */
  boolean takeRetry(String url) {
    Host h = host(url);
    h.roll();
    long allowed = Math.max(MIN_RETRIES, (long) (h.calls.get() * RETRY_BUDGET));
    if (h.retries.incrementAndGet() > allowed) {
      h.retries.decrementAndGet();
      return false;
    }
    return true;
  }

  private static final class ServerError extends RuntimeException {
    final UpstreamResponse response;

    ServerError(UpstreamResponse response) {
      super("upstream answered " + response.status(), null, false, false);
      this.response = response;
    }
  }
}
