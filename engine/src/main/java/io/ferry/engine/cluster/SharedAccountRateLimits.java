package io.ferry.engine.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.proxy.AccountRateLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A node's {@link AccountRateLimits} made cluster-aware: a pause set here is announced to every node, a pause or quota
 * announced by another node is applied here, and while other nodes also report quota for an account, this node paces
 * itself on its fair share of it (remaining / active nodes), so N nodes together still make the quota last until the
 * reset. Waiting and pacing stay local: acquiring a permit never touches the database.
 */
public final class SharedAccountRateLimits implements AccountRateLimits {
  /** Wait assumed after zero remaining quota without a reset time (as the local state does). */
  static final long EMPTY_QUOTA_WAIT_MILLIS = 1_000;
  /** Another node counts as calling an account while its quota notices are this fresh. */
  static final long PEER_ACTIVE_MILLIS = 3_000;

  private final AccountRateLimits local;
  private final RateLimitPauses cluster;
  /** Account → other node → when it last reported quota for the account. */
  private final Cache<String, Map<String, Long>> peers = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterWrite(Duration.ofMillis(PEER_ACTIVE_MILLIS)).build();

  SharedAccountRateLimits(AccountRateLimits local, RateLimitPauses cluster) {
    this.local = local;
    this.cluster = cluster;
  }

  /**
   * Wraps {@code local} and applies the other nodes' pauses and quota for the accounts {@code owns} accepts (this
   * shard's). Call on the owning verticle's context: notices then arrive on its event loop.
   */
  public static AccountRateLimits create(Vertx vertx, AccountRateLimits local, Predicate<String> owns) {
    SharedAccountRateLimits shared = new SharedAccountRateLimits(local, new AnnouncedPauses(vertx));
    vertx.eventBus().<Notice>localConsumer(Addresses.CLUSTER_RATE_LIMITS, m -> {
      if (m.body().id() != null && owns.test(m.body().id())) {
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
  public void pause(String accountId, long waitMillis) {
    local.pause(accountId, waitMillis);
    cluster.paused(accountId, System.currentTimeMillis() + waitMillis, "rate limited by the upstream");
  }

  @Override
  public void observe(String accountId, Long remaining, Long limit, Long resetMillis) {
    if (remaining == null) {
      local.observe(accountId, null, limit, resetMillis);
      return;
    }
    long now = System.currentTimeMillis();
    if (remaining <= 0) {
      cluster.paused(accountId, now + (resetMillis != null ? resetMillis : EMPTY_QUOTA_WAIT_MILLIS), "quota exhausted");
    } else {
      cluster.observed(accountId, remaining, limit, resetMillis == null ? null : now + resetMillis);
    }
    observeShare(accountId, remaining, limit, resetMillis);
  }

  /** Applies another node's notice. */
  void apply(Notice n) {
    long now = System.currentTimeMillis();
    switch (n.kind()) {
      case PAUSE -> {
        long wait = RateLimitNotices.until(n) - now;
        if (wait > 0) {
          local.pause(n.id(), wait);
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
