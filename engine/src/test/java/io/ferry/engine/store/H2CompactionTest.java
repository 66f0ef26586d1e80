package io.ferry.engine.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Compaction rewrites at full budget while writers commit, and gently once nothing was committed since its last pass. */
class H2CompactionTest {

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
