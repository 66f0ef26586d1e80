package io.ferry.engine.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Map;

/** Small JSON helpers shared by every feature: deep merge, dotted-path access, timestamps. */
public final class Json {
  private Json() {
  }

  /**
   * Deep-merges {@code patch} onto a copy of {@code base}: objects merge key by key, anything else replaces. With
   * {@code nullRemoves} a null in the patch deletes the key (PATCH semantics); otherwise the null is kept so the
   * reader can tell "explicitly disabled" from "absent" (override semantics).
   */
  public static JsonObject deepMerge(JsonObject base, JsonObject patch, boolean nullRemoves) {
    JsonObject out = base == null ? new JsonObject() : base.copy();
    if (patch == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : patch) {
      Object value = e.getValue();
      Object existing = out.getValue(e.getKey());
      if (value == null) {
        if (nullRemoves) {
          out.remove(e.getKey());
        } else {
          out.putNull(e.getKey());
        }
      } else if (value instanceof JsonObject pv && existing instanceof JsonObject ev) {
        out.put(e.getKey(), deepMerge(ev, pv, nullRemoves));
      } else {
        out.put(e.getKey(), copyValue(value));
      }
    }
    return out;
  }

  public static Object copyValue(Object value) {
    if (value instanceof JsonObject o) {
      return o.copy();
    }
    if (value instanceof JsonArray a) {
      return a.copy();
    }
    return value;
  }

  /**
   * Value at a dotted path ({@code a.b.0.c}); null when any step is missing. A key that itself contains dots
   * ({@code @odata.nextLink}) is found when it is the whole path.
   */
  public static Object at(Object root, String path) {
    if (root instanceof JsonObject o && o.containsKey(path)) {
      return o.getValue(path);
    }
    Object current = root;
    for (String key : path.split("\\.")) {
      if (current instanceof JsonObject o) {
        current = o.getValue(key);
      } else if (current instanceof Map<?, ?> m) {
        current = m.get(key);
      } else if (current instanceof JsonArray a && isIndex(key) && Integer.parseInt(key) < a.size()) {
        current = a.getValue(Integer.parseInt(key));
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static boolean isIndex(String key) {
    if (key.isEmpty() || key.length() > 9) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (!Character.isDigit(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  public static String isoOrNull(Long epochMillis) {
    return epochMillis == null ? null : iso(epochMillis);
  }

  public static JsonObject parseObject(String text) {
    return text == null || text.isEmpty() ? new JsonObject() : new JsonObject(text);
  }
}
