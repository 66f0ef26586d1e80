package io.ferry.engine.cluster;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.proxy.AccountRateLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's {@link AccountRateLimits} made cluster-aware: a pause set here is announced to every node, a pause or quota
 * announced by another node is applied here, and while other nodes also report quota for an account, this node paces
 * itself on its fair share of it (remaining / active nodes), so N nodes together still make the quota last until the
 * reset. Waiting and pacing stay local: acquiring a permit never touches the database.
 */
public final class SharedAccountRateLimits implements AccountRateLimits {
  /** Another node counts as calling an account while its quota notices are this fresh. */
  static final long PEER_ACTIVE_MILLIS = 3_000;

  private final AccountRateLimits local;
  private final RateLimitPauses cluster;
  /** Account → other node → when it last reported quota for the account. */
  private final Cache<String, Map<String, Long>> peers = Caches.builder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofMillis(PEER_ACTIVE_MILLIS)).build();

  /** Set while a pause learnt from another node is applied: the local state's listener must not echo it back. */
  private static final ThreadLocal<Boolean> APPLYING_PEER_PAUSE = ThreadLocal.withInitial(() -> false);

  SharedAccountRateLimits(AccountRateLimits local, RateLimitPauses cluster) {
    this.local = local;
    this.cluster = cluster;
    // every pause the local state sets (429, Retry-After, zero quota) is announced once; listeners run on the thread
    // that set the pause, so the flag tells this node's pauses from the other nodes' ones applied here
    local.onPause((accountId, until, reason) -> {
      if (!APPLYING_PEER_PAUSE.get()) {
        cluster.paused(accountId, until, reason);
      }
    });
  }

  /**
   * Wraps the node-wide {@code local} and applies the other nodes' pauses and quota to it. {@code local} must be
   * thread-safe: it is shared by event loops, and notices arrive on the event loop of the caller's context.
   */
  public static AccountRateLimits create(Vertx vertx, AccountRateLimits local) {
    Bus.registerCodecs(vertx, Notice.class);
    SharedAccountRateLimits shared = new SharedAccountRateLimits(local, new AnnouncedPauses(vertx));
    vertx.eventBus().<Notice>localConsumer(Addresses.CLUSTER_RATE_LIMITS, m -> {
      if (m.body().id() != null) {
        shared.apply(m.body());
      }
    });
    return shared;
  }

  @Override
  public Future<Permit> acquire(String accountId, long maxWaitMillis) {
    return local.acquire(accountId, maxWaitMillis);
  }

  @Override
  public Future<Permit> acquire(String accountId, long maxWaitMillis, boolean slowStart) {
    return local.acquire(accountId, maxWaitMillis, slowStart);
  }

  /** Announced by the local state's pause listener (registered in the constructor), once per extension. */
  @Override
  public void pause(String accountId, long untilMillis, String reason) {
    local.pause(accountId, untilMillis, reason);
  }

  @Override
  public void onPause(PauseListener listener) {
    local.onPause(listener);
  }

  @Override
  public void unanswered(String accountId) {
    local.unanswered(accountId);
  }

  @Override
  public void observe(String accountId, Long remaining, Long limit, Long resetMillis) {
    if (remaining == null) {
      local.observe(accountId, null, limit, resetMillis);
      return;
    }
    if (remaining > 0) {
      long now = System.currentTimeMillis();
      cluster.observed(accountId, remaining, limit, resetMillis == null ? null : now + resetMillis);
    }
    // zero remaining: the local state pauses the account, and its listener announces that pause
    observeShare(accountId, remaining, limit, resetMillis);
  }

  /** Applies another node's notice. */
  void apply(Notice n) {
    long now = System.currentTimeMillis();
    switch (n.kind()) {
      case PAUSE -> {
        long until = RateLimitNotices.until(n);
        if (until > now) {
          APPLYING_PEER_PAUSE.set(true);
          try {
            local.pause(n.id(), until, n.data().getString("reason", "rate_limited"));
          } finally {
            APPLYING_PEER_PAUSE.set(false);
          }
        }
      }
      case QUOTA -> {
        Long remaining = RateLimitNotices.remaining(n);
        if (remaining == null) {
          return;
        }
        if (n.origin() != null) {
          peers.asMap().compute(n.id(), (k, m) -> {
            Map<String, Long> seen = m == null ? new ConcurrentHashMap<>() : m;
            seen.put(n.origin(), now);
            return seen;
          });
        }
        Long resetAt = RateLimitNotices.resetAt(n);
        observeShare(n.id(), remaining, RateLimitNotices.limit(n), resetAt == null ? null : Math.max(0, resetAt - now));
      }
      default -> {
        // invalidations are not rate-limit state
      }
    }
  }

  private void observeShare(String accountId, long remaining, Long limit, Long resetMillis) {
    int nodes = 1 + activePeers(accountId);
    if (nodes == 1 || remaining <= 0) {
      local.observe(accountId, remaining, limit, resetMillis);
      return;
    }
    local.observe(accountId, Math.max(1, remaining / nodes), limit == null ? null : Math.max(1, limit / nodes), resetMillis);
  }

  private int activePeers(String accountId) {
    Map<String, Long> seen = peers.getIfPresent(accountId);
    if (seen == null) {
      return 0;
    }
    long since = System.currentTimeMillis() - PEER_ACTIVE_MILLIS;
    seen.values().removeIf(at -> at < since);
    return seen.size();
  }
}
