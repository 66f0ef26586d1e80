package io.ferry.engine.proxy;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonObject;

/** The caller's maximum wait is shorter than the account's rate-limit wait: answer 429 with Retry-After. */
public final class RateLimitedFailure extends FerryFailure {
  private final long waitMillis;

  public RateLimitedFailure(long waitMillis, JsonObject extra) {
    super(ErrorCode.RATE_LIMITED, "the upstream rate limit for this account needs a wait of " + Math.max(1, (waitMillis + 999) / 1000)
        + " s, longer than this request may wait", null, extra);
    this.waitMillis = waitMillis;
  }

  public long waitMillis() {
    return waitMillis;
  }
}
