package io.ferry.engine.json;

import java.util.Arrays;

/**
 * The large objects {@link JsonWriter} wrote into the answer it is writing, by identity, with where their text is:
 * a page of accounts shares one integration object (~3 KB) across its rows, written once and copied after. Holds
 * {@link #SLOTS} of them; see {@link #slotToReuse} for which one goes.
 */
final class WrittenObjects {
  /** Objects with fewer fields are cheaper to write than to look up. */
  static final int MIN_FIELDS = 8;
  static final int SLOTS = 8;
  private final Object[] objects = new Object[SLOTS];
  private final int[] start = new int[SLOTS];
  private final int[] length = new int[SLOTS];
  private final long[] used = new long[SLOTS];
  private final boolean[] copied = new boolean[SLOTS];
  private long tick;

  /** The slot holding {@code object} (now counted as copied), or -1. */
  int find(Object object) {
    for (int i = 0; i < SLOTS; i++) {
      if (objects[i] == object) {
        used[i] = ++tick;
        copied[i] = true;
        return i;
      }
    }
    return -1;
  }

  int start(int slot) {
    return start[slot];
  }

  int length(int slot) {
    return length[slot];
  }

  /** Remembers {@code object}, written at {@code [from, from + len)} of the answer. */
  void remember(Object object, int from, int len) {
    int slot = slotToReuse();
    objects[slot] = object;
    start[slot] = from;
    length[slot] = len;
    used[slot] = ++tick;
    copied[slot] = false;
  }

  /** Forgets everything: no caller's object is held past its answer. */
  void clear() {
    Arrays.fill(objects, null);
    Arrays.fill(used, 0);
    Arrays.fill(copied, false);
  }

  /**
   * An empty slot, else the least recently used of the objects never copied, else the least recently used. Objects
   * written once and never again (each row of a page is itself an 8+ field object) then only replace each other, and
   * the shared ones that were copied (the integration, a config) stay however many rows come between their uses;
   * evicting in turn let the rows push the integration out every few rows.
   */
  private int slotToReuse() {
    int slot = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (objects[i] == null) {
        return i;
      }
      if (!copied[i] && (slot < 0 || used[i] < used[slot])) {
        slot = i;
      }
    }
    if (slot >= 0) {
      return slot;
    }
    slot = 0;
    for (int i = 1; i < SLOTS; i++) {
      if (used[i] < used[slot]) {
        slot = i;
      }
    }
    return slot;
  }
}
