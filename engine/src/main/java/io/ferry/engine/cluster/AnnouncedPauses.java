package io.ferry.engine.cluster;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * {@link RateLimitPauses} through the cluster verticle: pauses are written to {@code account_pause} and notified,
 * quota is notified. Throttled per account so a burst of limited responses or a busy account costs a handful of
 * notifications, not one per call. Thread-safe (rate-limit state may be shared by every event loop).
 */
public final class AnnouncedPauses implements RateLimitPauses {
  /** Limited responses of calls that were in flight together end within this of each other: one pause for all. */
  static final long PAUSE_SLACK_MILLIS = 250;
  /** At most one quota notice per account per this interval. */
  static final long QUOTA_INTERVAL_MILLIS = 500;
  /** Without a known limit, quota matters to the other nodes once it falls below this (as for local pacing). */
  static final long LOW_REMAINING = 20;

  private final Vertx vertx;
  private final Cache<String, long[]> sent = Caches.builder().maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(10)).build();

  public AnnouncedPauses(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void paused(String accountId, long untilMillis, String reason) {
    long[] last = sent.get(accountId, k -> new long[2]);
    synchronized (last) {
      if (untilMillis <= last[0] + PAUSE_SLACK_MILLIS) {
        return;
      }
      last[0] = untilMillis;
    }
    ClusterNotices.announce(vertx, RateLimitNotices.pause(accountId, untilMillis, reason));
  }

  @Override
  public void observed(String accountId, long remaining, Long limit, Long resetAtMillis) {
    boolean low = limit != null && limit > 0 ? remaining * 2 < limit : remaining < LOW_REMAINING;
    if (!low) {
      return; // plenty left: every node may call freely, nothing to coordinate
    }
    long now = System.currentTimeMillis();
    long[] last = sent.get(accountId, k -> new long[2]);
    synchronized (last) {
      if (now - last[1] < QUOTA_INTERVAL_MILLIS) {
        return;
      }
      last[1] = now;
    }
    JsonObject data = new JsonObject().put("remaining", remaining).put("limit", limit).put("reset_at", resetAtMillis);
    ClusterNotices.announce(vertx, new Notice(Notice.Kind.QUOTA, accountId, data, null));
  }
}
