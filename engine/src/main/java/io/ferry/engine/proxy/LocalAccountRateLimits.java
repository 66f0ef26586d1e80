package io.ferry.engine.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@link AccountRateLimits} for one node, owned by one event loop (not thread-safe by design). State per account is
 * bounded in memory: idle accounts are forgotten after ten minutes.
 */
public final class LocalAccountRateLimits implements AccountRateLimits {

  /** Window assumed when an API gives the remaining quota but not when it resets. */
  static final long DEFAULT_WINDOW_MILLIS = 1_000;
  /** Without a known limit, pacing starts when the remaining quota falls below this. */
  static final long LOW_REMAINING = 20;
  /** Wait after a response reporting zero remaining without a reset time. */
  static final long EMPTY_QUOTA_WAIT_MILLIS = 1_000;

  private final Vertx vertx;
  private final int maxInFlight;
  private final Cache<String, State> states = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(10)).build();

  public LocalAccountRateLimits(Vertx vertx, int maxInFlight) {
    this.vertx = vertx;
    this.maxInFlight = maxInFlight;
  }

  private static final class State {
    long pausedUntil;
    long nextSlot;
    long spacing;
    int inFlight;
    final Deque<Promise<Permit>> waiting = new ArrayDeque<>();
  }

  private State state(String accountId) {
    return states.get(accountId, k -> new State());
  }

  @Override
  public Future<Permit> acquire(String accountId, long maxWaitMillis) {
    State st = state(accountId);
    long now = System.currentTimeMillis();
    long start = Math.max(now, Math.max(st.pausedUntil, st.nextSlot));
    long wait = start - now;
    if (wait > maxWaitMillis) {
      return Future.failedFuture(new RateLimitedFailure(wait, null));
    }
    if (st.spacing > 0) {
      st.nextSlot = start + st.spacing; // successive callers take successive slots
    }
    if (wait <= 0) {
      return permit(st, maxWaitMillis);
    }
    // a pause set while this caller slept (another call got a 429) applies to it too
    return vertx.timer(wait).compose(v -> st.pausedUntil > System.currentTimeMillis()
        ? acquire(accountId, maxWaitMillis - wait) : permit(st, maxWaitMillis - wait));
  }

  private Future<Permit> permit(State st, long maxWaitMillis) {
    if (st.inFlight < maxInFlight) {
      st.inFlight++;
      return Future.succeededFuture(release(st));
    }
    Promise<Permit> queued = Promise.promise();
    st.waiting.add(queued);
    long timer = vertx.setTimer(Math.max(1, maxWaitMillis), id -> {
      if (st.waiting.remove(queued)) {
        queued.fail(new RateLimitedFailure(maxWaitMillis, null));
      }
    });
    return queued.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  private Permit release(State st) {
    boolean[] released = {false};
    return () -> {
      if (released[0]) {
        return;
      }
      released[0] = true;
      Promise<Permit> next = st.waiting.poll();
      if (next != null) {
        next.complete(release(st)); // hand the permit straight over
      } else {
        st.inFlight--;
      }
    };
  }

  @Override
  public void pause(String accountId, long waitMillis) {
    State st = state(accountId);
    st.pausedUntil = Math.max(st.pausedUntil, System.currentTimeMillis() + waitMillis);
  }

  @Override
  public void observe(String accountId, Long remaining, Long limit, Long resetMillis) {
    if (remaining == null) {
      return;
    }
    State st = state(accountId);
    long now = System.currentTimeMillis();
    if (remaining <= 0) {
      st.pausedUntil = Math.max(st.pausedUntil, now + (resetMillis != null ? resetMillis : EMPTY_QUOTA_WAIT_MILLIS));
      return;
    }
    boolean low = limit != null && limit > 0 ? remaining * 2 < limit : remaining < LOW_REMAINING;
    long window = resetMillis != null ? resetMillis : DEFAULT_WINDOW_MILLIS;
    st.spacing = low ? window / (remaining + 1) : 0;
    if (st.spacing == 0) {
      st.nextSlot = 0;
    }
  }
}
