package io.ferry.engine.proxy;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.BooleanSupplier;

/**
 * The one entry point for running a call through the proxy pipeline (tokens, rate limits, retries, pagination,
 * error detection): {@code /proxy}, the unified API and MCP tools all go through it, so none of them sends upstream
 * on its own. Safe to call from any event loop: the call runs in process on the caller's event loop and its future
 * completes there.
 */
@FunctionalInterface
public interface ProxyService {

  Future<ProxyResult> call(ProxyCall call);

  /** As {@link #call(ProxyCall)}; once {@code callerGone} answers true no further attempt of the call starts upstream. */
  default Future<ProxyResult> call(ProxyCall call, BooleanSupplier callerGone) {
    return call(call);
  }

  /** This node's proxy, looked up at each call (so it may be asked for before the proxy is started). */
  static ProxyService of(Vertx vertx) {
    return new ProxyService() {
      @Override
      public Future<ProxyResult> call(ProxyCall call) {
        return call(call, () -> false);
      }

      @Override
      public Future<ProxyResult> call(ProxyCall call, BooleanSupplier callerGone) {
        ProxyNode node = ProxyNodes.of(vertx);
        return node == null ? Future.failedFuture(new FerryFailure(ErrorCode.UNAVAILABLE, "the proxy is starting or stopping"))
            : node.call(call, callerGone);
      }
    };
  }

  /** @deprecated calls no longer travel over the bus; kept for existing callers: the same as {@link #of(Vertx)}. */
  @Deprecated
  static ProxyService overBus(Vertx vertx, int shards) {
    return of(vertx);
  }
}
