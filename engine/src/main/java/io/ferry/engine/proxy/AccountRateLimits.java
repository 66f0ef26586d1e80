package io.ferry.engine.proxy;

import io.vertx.core.Future;

/**
 * Per-account rate-limit state: reactive pauses, proactive pacing from quota headers, and a cap on in-flight
 * upstream calls. One interface so a clustered implementation can replace the local one.
 */
public interface AccountRateLimits {

  /**
   * Waits until the account may call upstream (pause over, pacing slot reached, an in-flight permit free). Fails
   * with {@link RateLimitedFailure} at once when the wait would exceed {@code maxWaitMillis}.
   */
  Future<Permit> acquire(String accountId, long maxWaitMillis);

  /** The upstream said "slow down": no call for this account until {@code waitMillis} from now. */
  void pause(String accountId, long waitMillis);

  /** Quota seen on a response (each may be null): pace the following calls so it lasts until the reset. */
  void observe(String accountId, Long remaining, Long limit, Long resetMillis);

  /** Held while one upstream call is in flight. */
  interface Permit {
    void release();
  }
}
