package io.ferry.engine.proxy;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter (AWS): a random delay in [0, min(cap, base * 2^attempt)]. */
public record Backoff(long baseMillis, long capMillis, int maxAttempts) {

  public static final Backoff DEFAULT = new Backoff(100, 2_000, 3);

  /** Delay before retry number {@code attempt} (1 = the first retry). */
  public long delay(int attempt) {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt - 1, 20));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }
}
