package io.ferry.engine.proxy;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The one entry point for running a call through the proxy pipeline (tokens, rate limits, retries, pagination,
 * error detection): {@code /proxy}, the unified API and MCP tools all go through it, so none of them sends upstream
 * on its own.
 */
@FunctionalInterface
public interface ProxyService {

  Future<ProxyResult> call(ProxyCall call);

  /** Dispatches to the proxy shard that owns the account. */
  static ProxyService overBus(Vertx vertx, int shards) {
    return call -> Bus.request(vertx, ProxyShards.address(Addresses.PROXY_CALL, call.accountId(), shards), call);
  }
}
