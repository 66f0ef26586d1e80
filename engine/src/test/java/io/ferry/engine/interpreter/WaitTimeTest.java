package io.ferry.engine.interpreter;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WaitTime reads a wait from whatever an upstream sends, and nothing it sends throws")
class WaitTimeTest {
  static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Test
  @DisplayName("seconds, an epoch in seconds or milliseconds, an ISO instant and an HTTP-date all become milliseconds from now")
  void everyForm() {
    assertThat(WaitTime.millisUntil("30", NOW)).isEqualTo(30_000L);
    assertThat(WaitTime.millisUntil(NOW / 1000 + 5, NOW)).isEqualTo(5_000L);
    assertThat(WaitTime.millisUntil(NOW + 2_000, NOW)).isEqualTo(2_000L);
    assertThat(WaitTime.millisUntil("2026-01-01T00:00:07Z", NOW)).isEqualTo(7_000L);
    assertThat(WaitTime.millisUntil("Thu, 01 Jan 2026 00:00:09 GMT", NOW)).isEqualTo(9_000L);
  }

  @Test
  @DisplayName("an instant beyond what epoch milliseconds hold, garbage or a past time is no wait (null), never an exception")
  void outOfRange() {
    assertThat(WaitTime.millisUntil("+999999999-01-01T00:00:00Z", NOW)).isNull();
    assertThat(WaitTime.millisUntil("-999999999-01-01T00:00:00Z", NOW)).isNull();
    assertThat(WaitTime.millisUntil("soon", NOW)).isNull();
    assertThat(WaitTime.millisUntil("2025-12-31T23:59:59Z", NOW)).isNull();
  }
}
