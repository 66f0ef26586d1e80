package io.ferry.engine.proxy;

/**
 * Proxy work is sharded by account over several verticle instances, one event loop each: all of an account's calls,
 * its token single-flight and its rate-limit state live on one loop, and different accounts use every core.
 */
public final class ProxyShards {
  private ProxyShards() {
  }

  public static int of(String accountId, int shards) {
    return Math.floorMod(accountId == null ? 0 : accountId.hashCode(), shards);
  }

  /** The address of {@code base} served by the shard owning {@code accountId}. */
  public static String address(String base, String accountId, int shards) {
    return base + "." + of(accountId, shards);
  }

  public static String address(String base, int shard) {
    return base + "." + shard;
  }
}
