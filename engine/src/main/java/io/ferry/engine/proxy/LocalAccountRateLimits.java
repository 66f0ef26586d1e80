package io.ferry.engine.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link AccountRateLimits} for this node, shared by every event loop: each account's state is guarded by its own
 * monitor (held for a few field updates, never across a wait); waits are timers on the waiter's own event loop and a
 * handed-over permit resumes its waiter there. Idle accounts are forgotten after ten minutes.
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
  private final List<PauseListener> listeners = new CopyOnWriteArrayList<>();

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
    long wait;
    synchronized (st) {
      long start = Math.max(now, Math.max(st.pausedUntil, st.nextSlot));
      wait = start - now;
      if (wait > maxWaitMillis) {
        return Future.failedFuture(new RateLimitedFailure(wait, null));
      }
      if (st.spacing > 0) {
        st.nextSlot = start + st.spacing; // successive callers take successive slots
      }
      if (wait <= 0) {
        return permit(st, maxWaitMillis);
      }
    }
    // a pause set while this caller slept (another call got a 429) applies to it too
    return vertx.timer(wait).compose(v -> {
      synchronized (st) {
        if (st.pausedUntil <= System.currentTimeMillis()) {
          return permit(st, maxWaitMillis - wait);
        }
      }
      return acquire(accountId, maxWaitMillis - wait);
    });
  }

  /** Holding {@code st}'s monitor. */
  private Future<Permit> permit(State st, long maxWaitMillis) {
    if (st.inFlight < maxInFlight) {
      st.inFlight++;
      return Future.succeededFuture(release(st));
    }
    Promise<Permit> queued = OnCaller.promise();
    st.waiting.add(queued);
    long timer = vertx.setTimer(Math.max(1, maxWaitMillis), id -> {
      boolean removed;
      synchronized (st) {
        removed = st.waiting.remove(queued);
      }
      if (removed) {
        queued.fail(new RateLimitedFailure(maxWaitMillis, null));
      }
    });
    return queued.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  private Permit release(State st) {
    boolean[] released = {false};
    return () -> {
      Promise<Permit> next;
      synchronized (st) {
        if (released[0]) {
          return;
        }
        released[0] = true;
        next = st.waiting.poll();
        if (next == null) {
          st.inFlight--;
          return;
        }
      }
      next.complete(release(st)); // hand the permit straight over; the waiter resumes on its own loop
    };
  }

  @Override
  public void pause(String accountId, long untilMillis, String reason) {
    State st = state(accountId);
    boolean extended;
    synchronized (st) {
      extended = untilMillis > st.pausedUntil;
      st.pausedUntil = Math.max(st.pausedUntil, untilMillis);
    }
    if (extended) {
      listeners.forEach(l -> l.paused(accountId, untilMillis, reason));
    }
  }

  @Override
  public void onPause(PauseListener listener) {
    listeners.add(listener);
  }

  @Override
  public void observe(String accountId, Long remaining, Long limit, Long resetMillis) {
    if (remaining == null) {
      return;
    }
    long now = System.currentTimeMillis();
    if (remaining <= 0) {
      pause(accountId, now + (resetMillis != null ? resetMillis : EMPTY_QUOTA_WAIT_MILLIS), "quota_exhausted");
      return;
    }
    State st = state(accountId);
    boolean low = limit != null && limit > 0 ? remaining * 2 < limit : remaining < LOW_REMAINING;
    long window = resetMillis != null ? resetMillis : DEFAULT_WINDOW_MILLIS;
    synchronized (st) {
      st.spacing = low ? window / (remaining + 1) : 0;
      if (st.spacing == 0) {
        st.nextSlot = 0;
      }
    }
  }
}
