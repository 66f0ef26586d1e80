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

  /** The engine's answer → Vert.x JSON values; JSON null and undefined are both Java null at the top level. */
  public static Object toVertx(Object v) {
    if (v == null || v == Jsonata.NULL_VALUE) {
      return null;
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
    return v != null && v.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$Symbol");
  }
}
