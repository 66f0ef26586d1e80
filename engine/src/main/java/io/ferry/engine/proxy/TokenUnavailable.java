package io.ferry.engine.proxy;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;

/**
 * The token endpoint failed in a way that says nothing about the account (429, 5xx, network, lock timeout): the
 * account stays {@code active} and the caller gets 503 with {@code Retry-After}.
 */
public final class TokenUnavailable extends FerryFailure {
  private final long retryAfterSeconds;

  public TokenUnavailable(String message, long retryAfterSeconds) {
    super(ErrorCode.UNAVAILABLE, message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
