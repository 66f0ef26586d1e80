package io.ferry.engine.cluster;

/**
 * What one node's rate-limit state tells the others: the seam between the proxy's per-account state and the cluster.
 * Called from any event loop (the proxy's rate-limit state is node-wide): implementations are thread-safe and throttle,
 * so calling it on every response is fine.
 */
public interface RateLimitPauses {

  /** A limited response paused the account until {@code untilMillis} (epoch ms) because of {@code reason}. */
  void paused(String accountId, long untilMillis, String reason);

  /** The upstream reported {@code remaining} calls left (and maybe the window's size and end, epoch ms). */
  void observed(String accountId, long remaining, Long limit, Long resetAtMillis);

  /** One node, nothing to tell. */
  RateLimitPauses NONE = new RateLimitPauses() {
    @Override
    public void paused(String accountId, long untilMillis, String reason) {
    }

    @Override
    public void observed(String accountId, long remaining, Long limit, Long resetAtMillis) {
    }
  };
}
