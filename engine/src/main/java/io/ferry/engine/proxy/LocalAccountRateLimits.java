package io.ferry.engine.proxy;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
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
  private final Cache<String, State> states = Caches.builder().maximumSize(100_000)
      .expireAfterAccess(Duration.ofMinutes(10)).build();
  private final List<PauseListener> listeners = new CopyOnWriteArrayList<>();

  public LocalAccountRateLimits(Vertx vertx, int maxInFlight) {
    this.vertx = vertx;
    this.maxInFlight = maxInFlight;
  }

  /** Margin added to an announced reset, so a window is never assumed over before the provider's is. */
  static final long RESET_MARGIN_MILLIS = 100;

  private static final class State {
    long pausedUntil;
    long nextSlot;
    long spacing;
    int inFlight;
    final Deque<Promise<Permit>> waiting = new ArrayDeque<>();
    // slow start (integrations declaring quota headers): one probe until the quota is known, then a budget per window
    boolean slowStart;
    boolean quotaSeen;
    boolean probeOut;
    boolean budgeted;
    long budget;
    long windowEnd;
    long windowMillis;
    Long limit;
    final List<Runnable> waitingForQuota = new java.util.ArrayList<>();
  }

  private State state(String accountId) {
    return states.get(accountId, k -> new State());
  }

  @Override
  public Future<Permit> acquire(String accountId, long maxWaitMillis) {
    return acquire(accountId, maxWaitMillis, false);
  }

  @Override
  public Future<Permit> acquire(String accountId, long maxWaitMillis, boolean slowStart) {
    State st = state(accountId);
    long now = System.currentTimeMillis();
    long wait;
    synchronized (st) {
      st.slowStart = slowStart;
      long start = Math.max(now, Math.max(st.pausedUntil, st.nextSlot));
      if (slowStart && st.budgeted) {
        if (now >= st.windowEnd) {
          if (st.limit != null && st.limit > 0) {
            st.budget = st.limit; // a new window: the whole quota again
            st.windowEnd = now + st.windowMillis;
          } else {
            st.quotaSeen = false; // the size of the next window is unknown: probe again
            st.budgeted = false;
          }
        } else if (st.budget <= 0) {
          start = Math.max(start, st.windowEnd);
        }
      }
      wait = start - now;
      if (wait > maxWaitMillis) {
        return Future.failedFuture(new RateLimitedFailure(wait, null));
      }
      if (wait <= 0 && slowStart && !st.quotaSeen) {
        if (st.probeOut) {
          return afterProbe(accountId, st, maxWaitMillis, slowStart);
        }
        st.probeOut = true;
      }
      if (st.spacing > 0) {
        st.nextSlot = start + st.spacing; // successive callers take successive slots
      }
      if (wait <= 0) {
        if (slowStart && st.budgeted) {
          st.budget--;
        }
        return permit(st, maxWaitMillis);
      }
    }
    // a pause set while this caller slept (another call got a 429) applies to it too
    return vertx.timer(wait).compose(v -> acquire(accountId, maxWaitMillis - wait, slowStart));
  }

  /** Holding {@code st}'s monitor: waits for the probe's answer (or its end), within the caller's max wait. */
  private Future<Permit> afterProbe(String accountId, State st, long maxWaitMillis, boolean slowStart) {
    Promise<Permit> woken = OnCaller.promise();
    long since = System.currentTimeMillis();
    long[] timer = {0};
    Runnable wake = () -> {
      vertx.cancelTimer(timer[0]);
      acquire(accountId, maxWaitMillis - (System.currentTimeMillis() - since), slowStart).onComplete(woken::tryComplete, woken::tryFail);
    };
    st.waitingForQuota.add(wake);
    timer[0] = vertx.setTimer(Math.max(1, maxWaitMillis), id -> {
      synchronized (st) {
        st.waitingForQuota.remove(wake);
      }
      woken.tryFail(new RateLimitedFailure(maxWaitMillis, null));
    });
    return woken.future();
  }

  private void wakeQuotaWaiters(State st) {
    List<Runnable> woken;
    synchronized (st) {
      st.probeOut = false;
      woken = List.copyOf(st.waitingForQuota);
      st.waitingForQuota.clear();
    }
    woken.forEach(Runnable::run);
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
    long now = System.currentTimeMillis();
    State st = state(accountId);
    boolean slowStart;
    synchronized (st) {
      slowStart = st.slowStart;
      if (slowStart) {
        st.quotaSeen = true;
        st.budgeted = remaining != null;
        if (remaining != null) {
          boolean newWindow = st.probeOut || st.windowEnd <= now;
          // calls still in flight may not be counted in this answer yet: assume they are not
          st.budget = remaining - st.inFlight; // the freshest count; answers reorder little
          // an announced reset places the window; without one, a window runs its default length from its first
          // answer (pushing it back on every answer kept it from ever ending, so the budget ran dry and every
          // call then waited a whole window)
          if (resetMillis != null || newWindow) {
            st.windowMillis = (resetMillis != null ? resetMillis : DEFAULT_WINDOW_MILLIS) + RESET_MARGIN_MILLIS;
            st.windowEnd = now + st.windowMillis;
          }
          st.limit = limit;
        }
      }
    }
    if (slowStart) {
      wakeQuotaWaiters(st);
    }
    if (remaining == null) {
      return;
    }
    if (remaining <= 0) {
      pause(accountId, now + (resetMillis != null ? resetMillis : EMPTY_QUOTA_WAIT_MILLIS), "quota_exhausted");
      return;
    }
    if (slowStart) {
      return; // the budget paces these accounts
    }
    boolean low = limit != null && limit > 0 ? remaining * 2 < limit : remaining < LOW_REMAINING;
    long window = resetMillis != null ? resetMillis : DEFAULT_WINDOW_MILLIS;
    synchronized (st) {
      st.spacing = low ? window / (remaining + 1) : 0;
      if (st.spacing == 0) {
        st.nextSlot = 0;
      }
    }
  }

  /** A call that ended without an answer to observe (network failure): the next caller probes instead. */
  @Override
  public void unanswered(String accountId) {
    State st = state(accountId);
    boolean probing;
    synchronized (st) {
      probing = st.slowStart && !st.quotaSeen;
    }
    if (probing) {
      wakeQuotaWaiters(st);
    }
  }
}
