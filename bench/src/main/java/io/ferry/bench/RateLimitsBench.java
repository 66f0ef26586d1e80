package io.ferry.bench;

import io.ferry.engine.cluster.SharedAccountRateLimits;
import io.ferry.engine.proxy.AccountRateLimits;
import io.ferry.engine.proxy.LocalAccountRateLimits;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What cluster coordination adds to each proxy call's rate-limit work: acquire a permit, observe the answer's quota
 * (plenty left, as on most calls), release; the node-local state against the same state wrapped for the cluster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitsBench {
  Vertx vertx;
  AccountRateLimits local;
  AccountRateLimits shared;

  @Setup
  public void setup() {
    vertx = Vertx.vertx();
    local = new LocalAccountRateLimits(vertx, 64);
    shared = SharedAccountRateLimits.create(vertx, new LocalAccountRateLimits(vertx, 64));
  }

  @TearDown
  public void tearDown() {
    vertx.close();
  }

  private static Object call(AccountRateLimits limits) {
    AccountRateLimits.Permit permit = limits.acquire("acc-1", 30_000).result();
    limits.observe("acc-1", 99_000L, 100_000L, 60_000L);
    permit.release();
    return permit;
  }

  @Benchmark
  public Object local() {
    return call(local);
  }

  @Benchmark
  public Object clustered() {
    return call(shared);
  }
}
