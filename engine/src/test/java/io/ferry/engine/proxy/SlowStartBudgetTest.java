package io.ferry.engine.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The slow-start budget follows what the upstream last said is left, not only what Ferry spent since. */
@ExtendWith(VertxExtension.class)
class SlowStartBudgetTest {

  @Test
  @DisplayName("an upstream that keeps answering 30 left (no limit, no reset) is never waited on")
  void steadyRemainingNeverStalls(Vertx vertx) {
    LocalAccountRateLimits limits = new LocalAccountRateLimits(vertx, 64);
    Future<AccountRateLimits.Permit> probe = limits.acquire("acct", 5_000, true);
    assertThat(probe.isComplete()).as("the probe goes at once").isTrue();
    probe.result().release();
    limits.observe("acct", 30L, null, null);
    for (int call = 0; call < 200; call++) {
      Future<AccountRateLimits.Permit> permit = limits.acquire("acct", 5_000, true);
      assertThat(permit.isComplete()).as("call %d waited although 30 calls are left", call).isTrue();
      permit.result().release();
      limits.observe("acct", 30L, null, null);
    }
  }

  @Test
  @DisplayName("a quota counting down to zero stops the calls until the announced reset")
  void exhaustedQuotaWaits(Vertx vertx) {
    LocalAccountRateLimits limits = new LocalAccountRateLimits(vertx, 64);
    limits.acquire("acct", 5_000, true).result().release();
    limits.observe("acct", 2L, 3L, 3_000L);
    Future<AccountRateLimits.Permit> first = limits.acquire("acct", 5_000, true);
    Future<AccountRateLimits.Permit> second = limits.acquire("acct", 5_000, true);
    Future<AccountRateLimits.Permit> third = limits.acquire("acct", 5_000, true);
    assertThat(first.isComplete()).isTrue();
    assertThat(second.isComplete()).isTrue();
    assertThat(third.isComplete()).as("no budget left in this window").isFalse();
  }
}
