package io.ferry.engine.proxy;

import io.vertx.core.Future;

/**
 * Per-account rate-limit state of this node: reactive pauses, proactive pacing from quota headers, and a cap on
 * in-flight upstream calls. Shared by every event loop (thread-safe); a waiter resumes on its own event loop.
 */
public interface AccountRateLimits {

  /**
   * Waits until the account may call upstream (pause over, pacing slot reached, an in-flight permit free). Fails
   * with {@link RateLimitedFailure} at once when the wait would exceed {@code maxWaitMillis}.
   */
  Future<Permit> acquire(String accountId, long maxWaitMillis);

  /**
   * As {@link #acquire(String, long)}; with {@code slowStart} (the integration declares quota headers) an account
   * whose quota is not known yet sends one call first, then as many as the quota it reveals allows per window.
   */
  default Future<Permit> acquire(String accountId, long maxWaitMillis, boolean slowStart) {
    return acquire(accountId, maxWaitMillis);
  }

  /** The upstream said "slow down": no call for this account until {@code waitMillis} from now. */
  default void pause(String accountId, long waitMillis) {
    pause(accountId, System.currentTimeMillis() + waitMillis, "rate_limited");
  }

  /**
   * No call for this account before {@code untilMillis} (epoch ms). Also the entry point for pauses learnt from
   * other nodes; listeners are told only of pauses that extend the current one.
   */
  void pause(String accountId, long untilMillis, String reason);

  /** Called (on the thread that set it) for each pause a limited response sets on this node. */
  void onPause(PauseListener listener);

  /** Quota seen on a response (each may be null): pace the following calls so it lasts until the reset. */
  void observe(String accountId, Long remaining, Long limit, Long resetMillis);

  /** An upstream call ended without an answer (network failure, timeout): nothing was learnt about the quota. */
  default void unanswered(String accountId) {
  }

  /** Held while one upstream call is in flight. */
  interface Permit {
    void release();
  }

  @FunctionalInterface
  interface PauseListener {
    void paused(String accountId, long untilMillis, String reason);
  }
}
