package io.ferry.engine.cluster;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.proxy.AccountRateLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(VertxExtension.class)
@DisplayName("shared rate limits: pauses and quota cross nodes, pacing uses this node's fair share")
class SharedAccountRateLimitsTest {

  /** The node-local state, reduced to what it was told; like the real one, zero quota pauses and pauses are heard. */
  static final class Recorded implements AccountRateLimits {
    final List<long[]> pauses = new ArrayList<>();
    final List<Long[]> observed = new ArrayList<>();
    final List<PauseListener> listeners = new ArrayList<>();
    long pausedUntil;

    @Override
    public Future<Permit> acquire(String accountId, long maxWaitMillis) {
      return Future.succeededFuture(() -> { });
    }

    @Override
    public void pause(String accountId, long untilMillis, String reason) {
      pauses.add(new long[] {untilMillis - System.currentTimeMillis()});
      if (untilMillis > pausedUntil) {
        pausedUntil = untilMillis;
        listeners.forEach(l -> l.paused(accountId, untilMillis, reason));
      }
    }

    @Override
    public void onPause(PauseListener listener) {
      listeners.add(listener);
    }

    @Override
    public void observe(String accountId, Long remaining, Long limit, Long resetMillis) {
      observed.add(new Long[] {remaining, limit, resetMillis});
      if (remaining != null && remaining <= 0) {
        pause(accountId, System.currentTimeMillis() + resetMillis, "quota_exhausted");
      }
    }
  }

  /** What this node told the others. */
  static final class Told implements RateLimitPauses {
    final List<String> pauses = new ArrayList<>();
    final List<Long> untils = new ArrayList<>();
    int quota;

    @Override
    public void paused(String accountId, long untilMillis, String reason) {
      pauses.add(reason);
      untils.add(untilMillis);
    }

    @Override
    public void observed(String accountId, long remaining, Long limit, Long resetAtMillis) {
      quota++;
    }
  }

  final Recorded local = new Recorded();
  final Told told = new Told();
  final SharedAccountRateLimits shared = new SharedAccountRateLimits(local, told);

  static Notice quotaFrom(String node, long remaining, long limit) {
    return new Notice(Notice.Kind.QUOTA, "acc", new JsonObject().put("remaining", remaining).put("limit", limit)
        .put("reset_at", System.currentTimeMillis() + 10_000), node);
  }

  @Test
  @DisplayName("alone on an account, quota reaches the local state unchanged and is offered to the others")
  void aloneUnchanged() {
    shared.observe("acc", 8L, 100L, 10_000L);
    assertThat(local.observed.get(0)).containsExactly(8L, 100L, 10_000L);
    assertThat(told.quota).isEqualTo(1);
  }

  @Test
  @DisplayName("while two other nodes report quota for the account, this node paces on a third of it")
  void fairShare() {
    shared.apply(quotaFrom("node-b", 30, 300));
    shared.apply(quotaFrom("node-c", 30, 300));
    local.observed.clear();
    shared.observe("acc", 30L, 300L, 10_000L);
    assertThat(local.observed.get(0)).containsExactly(10L, 100L, 10_000L);
  }

  @Test
  @DisplayName("a pause from another node holds this node until the same instant; zero remaining here is a shared pause")
  void pauses() {
    long until = System.currentTimeMillis() + 3_000;
    shared.apply(RateLimitNotices.pause("acc", until, "rate limited by the upstream").from("node-b"));
    assertThat(local.pauses.get(0)[0]).isCloseTo(3_000, within(100L));
    shared.apply(RateLimitNotices.pause("acc", System.currentTimeMillis() - 1, "over").from("node-b"));
    assertThat(local.pauses).as("a pause already over is ignored").hasSize(1);

    assertThat(told.pauses).as("another node's pause is not echoed back").isEmpty();

    shared.observe("acc", 0L, 100L, 5_000L);
    assertThat(told.pauses).containsExactly("quota_exhausted");
    assertThat(told.untils.get(0) - System.currentTimeMillis()).isCloseTo(5_000, within(100L));
    shared.pause("acc", 8_000);
    assertThat(told.pauses).containsExactly("quota_exhausted", "rate_limited");
    shared.pause("acc", 1_000);
    assertThat(told.pauses).as("a pause inside the current one is not news").hasSize(2);
  }

  @Test
  @DisplayName("announcements are throttled: one pause for a burst of limited responses, one quota notice per interval, none when quota is plentiful")
  void throttled(Vertx vertx) {
    Bus.registerCodecs(vertx, Notice.class);
    List<Notice> announced = new ArrayList<>();
    vertx.eventBus().<Notice>localConsumer(Addresses.CLUSTER_ANNOUNCE, m -> announced.add(m.body())).completion().await();
    AnnouncedPauses pauses = new AnnouncedPauses(vertx);
    long until = System.currentTimeMillis() + 3_000;
    for (int i = 0; i < 20; i++) {
      pauses.paused("acc", until + i, "rate limited by the upstream");
      pauses.observed("acc", 5, 100L, until);
      pauses.observed("acc", 90, 100L, until);
    }
    pauses.paused("acc", until + 5_000, "a later, longer pause");
    vertx.timer(100).await();
    assertThat(announced).extracting(Notice::kind)
        .containsExactlyInAnyOrder(Notice.Kind.PAUSE, Notice.Kind.QUOTA, Notice.Kind.PAUSE);
  }

  @Test
  @DisplayName("notices survive the wire; anything else on the channel is ignored")
  void wire() {
    Notice n = quotaFrom("node-b", 3, 10);
    assertThat(Notice.fromWire(n.toWire())).isEqualTo(n);
    assertThat(Notice.fromWire("not json")).isNull();
    assertThat(Notice.fromWire("{\"k\":\"unknown\"}")).isNull();
    assertThat(n.toWire().length()).isLessThan(200);
    assertThat(ClusterNotices.channelFor("ferry_t_abc")).isEqualTo("ferry_cluster_ferry_t_abc");
    assertThat(ClusterNotices.channelFor("x".repeat(80))).hasSizeLessThanOrEqualTo(63);
    assertThat(ClusterNotices.channelFor(null)).isEqualTo("ferry_cluster_public");
  }
}
