package io.ferry.engine.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Compaction rewrites at full budget while writers commit, and gently once nothing was committed since its last pass. */
class H2CompactionTest {

  /** A store whose dead chunks are free as soon as no version uses them, so fill rates follow each commit. */
  private static MVStore freeingAtOnce(Path dir) {
    MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv.db").toString()).autoCommitDisabled().open();
    store.setRetentionTime(0);
    store.setVersionsToKeep(0);
    return store;
  }

  @Test
  void aFileMostlyLiveIsLeftAloneThoughH2WouldRewriteIt(@TempDir Path dir) {
    MVStore store = freeingAtOnce(dir);
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      for (int i = 0; i < 2_000; i++) {
        rows.put(i, "row " + i + " ".repeat(2_000));
      }
      store.commit();
      for (int round = 0; round < 3; round++) { // an eighth of the rows rewritten each round: ~two thirds still live
        for (int i = round; i < 2_000; i += 8) {
          rows.put(i, "row " + i + " of round " + round + " ".repeat(2_000));
        }
        store.commit();
      }
      assertThat(H2Compaction.livePercent(store)).isGreaterThanOrEqualTo(H2Compaction.LIVE_ENOUGH_PERCENT);
      new H2Compaction(null, null).pass(store);
      assertThat(store.hasUnsavedChanges()).as("nothing rewritten").isFalse();
      assertThat(store.compact(H2Compaction.TARGET_FILL_PERCENT, H2Compaction.MAX_REWRITE_BYTES))
          .as("though H2 had chunks under the target to rewrite").isTrue();
    } finally {
      store.close();
    }
  }

  @Test
  void aFileMostlyGarbageIsRewritten(@TempDir Path dir) {
    MVStore store = freeingAtOnce(dir);
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      for (int round = 0; round < 7; round++) { // each round leaves pages of the earlier ones dead in the file
        for (int i = 0; i < 2_000; i += round == 0 ? 1 : 3) {
          rows.put(i, "row " + i + " of round " + round + " ".repeat(200));
        }
        store.commit();
      }
      assertThat(H2Compaction.livePercent(store)).isLessThan(H2Compaction.LIVE_ENOUGH_PERCENT);
      new H2Compaction(null, null).pass(store);
      assertThat(store.hasUnsavedChanges()).as("live pages of sparse chunks rewritten").isTrue();
      store.commit();
      assertThat(rows.get(1998)).startsWith("row 1998 of round 6");
    } finally {
      store.close();
    }
  }

  @Test
  void aPassAfterCommitsRewritesTheFullBudgetAndOneAfterNoneTheIdleBudget(@TempDir Path dir) {
    MVStore store = new MVStore.Builder().fileName(dir.resolve("s.mv.db").toString()).autoCommitDisabled().open();
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      H2Compaction compaction = new H2Compaction(null, null);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 2_000; i++) {
          rows.put(i, "row " + i + " of round " + round + " ".repeat(200));
        }
        store.commit();
        assertThat(compaction.rewriteBudget(store)).as("writers committed since the last pass")
            .isEqualTo(H2Compaction.MAX_REWRITE_BYTES);
        compaction.pass(store);
        assertThat(compaction.rewriteBudget(store)).as("no commit since the pass began")
            .isEqualTo(H2Compaction.IDLE_REWRITE_BYTES);
        compaction.pass(store);
        assertThat(compaction.rewriteBudget(store)).isEqualTo(H2Compaction.IDLE_REWRITE_BYTES);
      }
      assertThat(rows.get(1999)).startsWith("row 1999 of round 2");
    } finally {
      store.close();
    }
  }
}
