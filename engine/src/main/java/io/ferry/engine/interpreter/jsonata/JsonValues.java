package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Vert.x JSON values and the engine's plain values (maps, lists, {@code NULL_VALUE}). */
public final class JsonValues {
  private static final double MAX_SAFE = 9007199254740991d;

  private JsonValues() {
  }

  /** Vert.x JSON (or plain maps/lists) → plain maps and lists the engine walks. */
  @SuppressWarnings("unchecked")
  public static Object toEngine(Object v) {
    if (v instanceof JsonObject o) {
      return toEngine(o.getMap());
    }
    if (v instanceof JsonArray a) {
      return toEngine(a.getList());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new HostObject(Math.max(4, m.size() * 4 / 3 + 1));
      m.forEach((k, x) -> out.put(String.valueOf(k), toEngine(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(toEngine(x)));
      return out;
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof BigInteger i) {
      return i.doubleValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }

  /**
   * As {@link #toEngine}, but shares every part that is already plain maps, lists and engine numbers (a parsed
   * response body, behind its {@link JsonObject}, usually is): a walk instead of a copy.
   */
  @SuppressWarnings("unchecked")
  public static Object plain(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
        || v instanceof Double) {
      return v; // leaves first: on JDK 17 each failed interface test below scans the value's class's interfaces
    }
    if (v instanceof JsonObject o) {
      return plain(o.getMap());
    }
    if (v instanceof JsonArray a) {
      return plain(a.getList());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = null;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object x = e.getValue();
        Object p = plain(x);
        if (copy == null && (p != x || !(e.getKey() instanceof String))) {
          copy = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
          for (Map.Entry<?, ?> before : m.entrySet()) {
            if (before == e) {
              break;
            }
            copy.put(String.valueOf(before.getKey()), before.getValue());
          }
        }
        if (copy != null) {
          copy.put(String.valueOf(e.getKey()), p);
        }
      }
      return copy == null ? m : copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = null;
      for (int i = 0; i < l.size(); i++) {
        Object x = l.get(i);
        Object p = plain(x);
        if (copy == null && p != x) {
          copy = new ArrayList<>(l.size());
          copy.addAll(l.subList(0, i));
        }
        if (copy != null) {
          copy.add(p);
        }
      }
      return copy == null ? l : copy;
    }
    if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Float) {
      return toEngine(v);
    }
    return v;
  }

  /** The engine's answer → Vert.x JSON values; JSON null and undefined are both Java null at the top level. */
  public static Object toVertx(Object v) {
    if (v == null || v == Jsonata.NULL_VALUE) {
      return null;
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v; // leaves first, as in plain
    }
    if (v instanceof NativeObject n) {
      return toVertx(n.json());
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject out = new JsonObject(new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1)));
      m.forEach((k, x) -> {
        if (!(x instanceof Jsonata.JFunction) && !isLambda(x)) {
          out.put(String.valueOf(k), x == null ? null : toVertx(x));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      JsonArray out = new JsonArray(new ArrayList<>(l.size()));
      l.forEach(x -> out.add(toVertx(x)));
      return out;
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : number(d);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Jsonata.JFunction || isLambda(v)) {
      return null;
    }
    return String.valueOf(v);
  }

  /** A JS number: integral values within the safe range as Long, others as Double. */
  public static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) <= MAX_SAFE && !(d == 0 && 1 / d < 0) ? (Object) (long) d : (Object) d;
  }

  /** A JS object literal: keys and values alternate, in order. */
  static java.util.Map<String, Object> obj(Object... keysAndValues) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static boolean isLambda(Object v) {
    if (v == null || v instanceof String || v instanceof Map || v instanceof List || v instanceof Number || v instanceof Boolean) {
      return false; // the common values, without the class-name test
    }
    return v.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$Symbol");
  }
}
