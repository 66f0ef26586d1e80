package io.ferry.engine.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed objects and the bytes they were parsed from: {@link JsonWriter} meeting one of these exact objects (by
 * identity) writes its bytes instead of encoding it again. A unified list answers every upstream record twice, mapped
 * and as {@code remote_data}; the second is then a copy of bytes.
 */
public final class SplicedValues {
  /** How deep under the root the records' array is looked for ({@code {"data": {"items": [...]}}} is two). */
  private static final int MAX_DEPTH = 3;

  /** Up to this many values are looked up by a scan; more (a page of 100 records) through an identity map. */
  private static final int SCANNED = 16;

  private final List<?> values;
  private final Map<Object, Integer> index;
  private final byte[] bytes;
  private final int[] spans;

  private SplicedValues(List<?> values, byte[] bytes, int[] spans) {
    this.values = values;
    this.bytes = bytes;
    this.spans = spans;
    if (values.size() > SCANNED) {
      index = new IdentityHashMap<>(values.size() * 2);
      for (int i = 0; i < values.size(); i++) {
        index.put(values.get(i), i);
      }
    } else {
      index = null;
    }
  }

  /**
   * The elements of {@code records}, an array inside {@code parsed} (the parse of {@code raw}, not copied or changed
   * since), or null when they cannot be found in the bytes as they are.
   */
  public static SplicedValues of(Buffer raw, Object parsed, JsonArray records) {
    List<String> path = records == null || records.isEmpty() ? null : pathIn(raw, parsed, records.getList());
    if (path == null) {
      return null;
    }
    byte[] bytes = raw.getBytes();
    int[] spans = JsonSpans.elements(bytes, path);
    if (spans == null || spans.length != 2 * records.size()) {
      return null;
    }
    for (int i = 0; i < records.size(); i++) {
      if (!(records.getList().get(i) instanceof Map) || bytes[spans[2 * i]] != '{') {
        return null; // only objects are matched by identity; a scalar would be written as it is anyway
      }
    }
    return new SplicedValues(records.getList(), bytes, spans);
  }

  /** As {@link #of(Buffer, Object, JsonArray)}, for one object inside {@code parsed} (or {@code parsed} itself). */
  public static SplicedValues of(Buffer raw, Object parsed, JsonObject record) {
    List<String> path = record == null ? null : pathIn(raw, parsed, record.getMap());
    if (path == null) {
      return null;
    }
    byte[] bytes = raw.getBytes();
    int[] span = JsonSpans.value(bytes, path);
    return span == null || bytes[span[0]] != '{' ? null : new SplicedValues(List.of(record.getMap()), bytes, span);
  }

  /** The keys from the root of {@code parsed} to {@code target} (found by identity), or null. */
  private static List<String> pathIn(Buffer raw, Object parsed, Object target) {
    List<String> path = new ArrayList<>();
    return raw != null && parsed != null && pathTo(unwrap(parsed), target, path, MAX_DEPTH) ? path : null;
  }

  private static Object unwrap(Object v) {
    return v instanceof JsonObject o ? o.getMap() : v instanceof JsonArray a ? a.getList() : v;
  }

  private static boolean pathTo(Object node, Object target, List<String> path, int depth) {
    if (node == target) {
      return true;
    }
    if (depth == 0 || !(node instanceof Map<?, ?> map)) {
      return false;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object child = unwrap(e.getValue());
      if (child == target || child instanceof Map) {
        path.add(String.valueOf(e.getKey()));
        if (pathTo(child, target, path, depth - 1)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  /** The index of {@code o} (the very object) among the values, or -1. */
  int indexOf(Object o) {
    if (index != null) {
      Integer i = index.get(o);
      return i == null ? -1 : i;
    }
    for (int i = 0, n = values.size(); i < n; i++) {
      if (values.get(i) == o) {
        return i;
      }
    }
    return -1;
  }

  byte[] bytes() {
    return bytes;
  }

  int start(int i) {
    return spans[2 * i];
  }

  int end(int i) {
    return spans[2 * i + 1];
  }
}
