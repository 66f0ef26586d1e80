package io.ferry.engine.cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The one way Ferry builds its in-memory caches. Caffeine's default hands its upkeep (draining read and write
 * buffers, expiring) to {@code ForkJoinPool.commonPool()}: on the proxy's hot path that meant a thread wake-up every
 * few dozen lookups across some ten caches. Here the upkeep runs on the calling thread, amortised and short.
 */
public final class Caches {
  private Caches() {
  }

  public static Caffeine<Object, Object> builder() {
    return Caffeine.newBuilder().executor(Runnable::run);
  }
}
