package io.ferry.engine.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * Node-wide state is completed from whichever event loop finished the work (a token refresh, a released permit);
 * a waiter must carry on on its own event loop. These promises deliver to the context that created them.
 */
final class OnCaller {
  private OnCaller() {
  }

  /** A promise whose listeners run on the calling context (or wherever it completes when there is none). */
  static <T> Promise<T> promise() {
    ContextInternal ctx = (ContextInternal) Vertx.currentContext();
    return ctx == null ? Promise.promise() : ctx.promise();
  }

  /** {@code shared} as seen from the calling context. */
  static <T> Future<T> follow(Future<T> shared) {
    ContextInternal ctx = (ContextInternal) Vertx.currentContext();
    if (ctx == null) {
      return shared;
    }
    Promise<T> p = ctx.promise();
    shared.onComplete(p);
    return p.future();
  }
}
