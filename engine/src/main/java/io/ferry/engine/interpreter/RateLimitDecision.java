package io.ferry.engine.interpreter;

/**
 * What a response says about the account's rate limit: whether it was limited, how long to wait (ms), and when
 * known the remaining quota, the window's limit and the time until it resets (ms).
 */
public record RateLimitDecision(boolean limited, Long waitMillis, Long remaining, Long limit, Long resetMillis) {

  public static final RateLimitDecision NONE = new RateLimitDecision(false, null, null, null, null);
}
