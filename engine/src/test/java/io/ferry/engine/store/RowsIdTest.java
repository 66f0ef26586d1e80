package io.ferry.engine.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RowsIdTest {

  @Test
  void idsAreVersion7UuidsCarryingTheirCreationMillisecond() {
    long before = System.currentTimeMillis();
    UUID id = UUID.fromString(Rows.newId());
    long after = System.currentTimeMillis();
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2); // RFC 9562
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() throws InterruptedException {
    String first = Rows.newId();
    Thread.sleep(2);
    String second = Rows.newId();
    assertThat(second).isGreaterThan(first); // index order = creation order across milliseconds
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Rows.newId());
    }
    assertThat(ids).hasSize(100_000);
  }
}
