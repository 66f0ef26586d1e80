package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The lodash functions Truto exposes ({@code $groupBy $keyBy $pick $omit $orderBy $find ...}), with lodash's rules. */
final class Lodash {
  private Lodash() {
  }

  static List<Object> castArray(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    List<Object> out = new ArrayList<>(1);
    out.add(v);
    return out;
  }

  /** {@code _.get(obj, 'a.b[0].c')} */
  static Object get(Object obj, Object path) {
    if (obj instanceof Map<?, ?> m && path instanceof String s && m.containsKey(s)) {
      return m.get(s) == null ? Js.NULL : m.get(s);
    }
    Object cur = obj;
    for (String key : path(path)) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.containsKey(key) && m.get(key) == null ? Js.NULL : m.get(key);
      } else if (cur instanceof List<?> l && key.matches("\\d+")) {
        int i = Integer.parseInt(key);
        cur = i < l.size() ? l.get(i) : null;
      } else if (cur instanceof String str && key.equals("length")) {
        cur = (long) str.length();
      } else if (cur instanceof List<?> l && key.equals("length")) {
        cur = (long) l.size();
      } else {
        return null;
      }
    }
    return cur;
  }

  static List<String> path(Object path) {
    List<String> out = new ArrayList<>();
    if (path instanceof List<?> l) {
      l.forEach(x -> out.add(Js.string(x)));
      return out;
    }
    for (String part : Js.string(path).split("\\.|\\[|\\]")) {
      if (!part.isEmpty()) {
        out.add(part.replaceAll("^['\"]|['\"]$", ""));
      }
    }
    return out;
  }

  /** lodash's iteratee: a function, a property path, {@code [path, value]} or a partial object to match. */
  static java.util.function.Function<Object, Object> iteratee(Object it) {
    if (it == null || it == Js.NULL) {
      return x -> x;
    }
    if (com.dashjoin.jsonata.Utils.isFunction(it) || JsonValues.isLambda(it)) {
      // in Node a JSONata function is an object to lodash, so it becomes a _.matches() that every value passes
      return x -> true;
    }
    if (it instanceof List<?> l && l.size() == 2) {
      return x -> Js.deepEquals(get(x, l.get(0)), l.get(1));
    }
    if (it instanceof Map<?, ?> m) {
      return x -> matches(x, m);
    }
    return x -> get(x, it);
  }

  private static boolean matches(Object x, Map<?, ?> partial) {
    if (!(x instanceof Map<?, ?> obj)) {
      return partial.isEmpty();
    }
    for (Map.Entry<?, ?> e : partial.entrySet()) {
      Object v = obj.get(e.getKey());
      if (e.getValue() instanceof Map<?, ?> sub ? !matches(v, sub) : !Js.deepEquals(v, e.getValue())) {
        return false;
      }
    }
    return true;
  }

  static Object call(Object fn, Object... args) {
    try {
      List<Object> a = new ArrayList<>(List.of());
      for (Object x : args) {
        a.add(x);
      }
      int arity = Functions.getFunctionArity(fn);
      if (arity > 0 && arity < a.size()) {
        a = a.subList(0, arity);
      }
      return Functions.funcApply(fn, a);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new RuntimeException(t.getMessage(), t);
    }
  }

  static Map<String, Object> groupBy(Object array, Object key, boolean keyOnly) {
    var f = iteratee(key);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object item : castArray(array)) {
      String k = Js.string(f.apply(item));
      if (keyOnly) {
        out.put(k, item);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> group = (List<Object>) out.computeIfAbsent(k, x -> new ArrayList<>());
        group.add(item);
      }
    }
    return jsOrder(out);
  }

  /** JS object key order: integer-like keys first, ascending, then the rest in insertion order. */
  static Map<String, Object> jsOrder(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.keySet().stream().filter(k -> k.matches("0|[1-9]\\d{0,8}")).sorted(Comparator.comparingLong(Long::parseLong)).forEach(k -> out.put(k, in.get(k)));
    in.forEach((k, v) -> out.putIfAbsent(k, v));
    return out;
  }

  static Object pick(Object obj, Object keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!(obj instanceof Map<?, ?> m)) {
      return out;
    }
    for (Object k : castArray(keys)) {
      if (k instanceof List<?>) {
        for (Object kk : (List<?>) k) {
          pickOne(m, out, kk);
        }
      } else {
        pickOne(m, out, k);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void pickOne(Map<?, ?> in, Map<String, Object> out, Object key) {
    if (key == null) {
      return;
    }
    String s = Js.string(key);
    if (in.containsKey(s)) {
      out.put(s, in.get(s));
      return;
    }
    List<String> p = path(s);
    Object cur = in;
    for (String part : p) {
      if (!(cur instanceof Map<?, ?> cm) || !cm.containsKey(part)) {
        return;
      }
      cur = cm.get(part);
    }
    Map<String, Object> target = out;
    for (int i = 0; i < p.size() - 1; i++) {
      target = (Map<String, Object>) target.computeIfAbsent(p.get(i), x -> new LinkedHashMap<>());
    }
    target.put(p.get(p.size() - 1), cur);
  }

  @SuppressWarnings("unchecked")
  static Object omit(Object obj, Object keys) {
    if (!(obj instanceof Map<?, ?>)) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> out = (Map<String, Object>) deepCopy(obj);
    for (Object k : castArray(keys)) {
      for (Object kk : k instanceof List<?> l ? l : List.of(k == null ? "undefined" : k)) {
        String s = Js.string(kk);
        if (out.containsKey(s)) {
          out.remove(s);
          continue;
        }
        List<String> p = path(s);
        Object cur = out;
        for (int i = 0; i < p.size() - 1 && cur != null; i++) {
          cur = cur instanceof Map<?, ?> m ? m.get(p.get(i)) : null;
        }
        if (cur instanceof Map<?, ?> m && !p.isEmpty()) {
          m.remove(p.get(p.size() - 1));
        }
      }
    }
    return out;
  }

  static Object deepCopy(Object v) {
    if (v instanceof NativeObject) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
  }

  static List<Object> orderBy(Object array, Object iteratees, Object orders) {
    List<Object> items = castArray(array);
    List<java.util.function.Function<Object, Object>> fs = new ArrayList<>();
    List<Object> its = iteratees instanceof List<?> l ? new ArrayList<>(l) : Js.isNil(iteratees) ? new ArrayList<>() : new ArrayList<>(List.of(iteratees));
    if (its.isEmpty()) {
      fs.add(x -> x);
    }
    its.forEach(i -> fs.add(iteratee(i)));
    List<Object> ords = orders instanceof List<?> l ? new ArrayList<>(l) : Js.isNil(orders) ? List.of() : List.of(orders);
    Comparator<Object[]> cmp = (a, b) -> {
      for (int i = 0; i < fs.size(); i++) {
        int c = compareAscending(((Object[]) a[1])[i], ((Object[]) b[1])[i]);
        if (c != 0) {
          return i < ords.size() && "desc".equals(ords.get(i)) ? -c : c;
        }
      }
      return Integer.compare((Integer) a[0], (Integer) b[0]);
    };
    List<Object[]> keyed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object[] keys = new Object[fs.size()];
      for (int j = 0; j < fs.size(); j++) {
        keys[j] = fs.get(j).apply(items.get(i));
      }
      keyed.add(new Object[] {i, keys, items.get(i)});
    }
    keyed.sort(cmp);
    List<Object> out = new ArrayList<>();
    keyed.forEach(k -> out.add(k[2]));
    return out;
  }

  /** lodash's compareAscending: undefined last, then null, NaN; JS relational comparison otherwise. */
  static int compareAscending(Object value, Object other) {
    if (value == other || Js.deepEquals(value, other) && !(value instanceof Map) && !(value instanceof List)) {
      return 0;
    }
    boolean valDef = value != null;
    boolean valNull = value == Js.NULL;
    boolean valRefl = !(value instanceof Double d && d.isNaN());
    boolean othDef = other != null;
    boolean othNull = other == Js.NULL;
    boolean othRefl = !(other instanceof Double d && d.isNaN());
    if (!othNull && valDef && othDef && greater(value, other) || valNull && othDef && othRefl || !valDef && othRefl || !valRefl) {
      return 1;
    }
    if (!valNull && valDef && othDef && greater(other, value) || othNull && valDef && valRefl || !othDef && valRefl || !othRefl) {
      return -1;
    }
    return 0;
  }

  /** JS {@code a > b} */
  static boolean greater(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y) > 0;
    }
    Object pa = a instanceof Map || a instanceof List ? Js.string(a) : a;
    Object pb = b instanceof Map || b instanceof List ? Js.string(b) : b;
    if (pa instanceof String x && pb instanceof String y) {
      return x.compareTo(y) > 0;
    }
    return Js.toNumber(pa) > Js.toNumber(pb);
  }

  static Object find(Object array, Object it, boolean all) {
    var f = iteratee(it);
    Predicate<Object> p = x -> Js.truthy(f.apply(x));
    List<Object> out = new ArrayList<>();
    for (Object x : castArray(array)) {
      if (p.test(x)) {
        if (!all) {
          return x;
        }
        out.add(x);
      }
    }
    return all ? out : null;
  }

  static List<Object> values(Object obj) {
    List<Object> out = new ArrayList<>();
    if (obj instanceof Map<?, ?> m) {
      out.addAll(m.values());
    } else if (obj instanceof List<?> l) {
      out.addAll(l);
    } else if (obj instanceof String s) {
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
    }
    return out;
  }

  static List<Object> chunk(Object array, Object size) {
    List<Object> items = castArray(array);
    int n = size == null ? 1 : (int) Math.max(0, Js.toNumber(size));
    List<Object> out = new ArrayList<>();
    if (n < 1) {
      return out;
    }
    for (int i = 0; i < items.size(); i += n) {
      out.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + n))));
    }
    return out;
  }

  static List<Object> flatten(Object array, double depth) {
    List<Object> out = new ArrayList<>();
    flattenInto(castArray(array), depth, out);
    return out;
  }

  private static void flattenInto(List<?> items, double depth, List<Object> out) {
    for (Object x : items) {
      if (depth > 0 && x instanceof List<?> l) {
        flattenInto(l, depth - 1, out);
      } else {
        out.add(x);
      }
    }
  }

  static List<Object> difference(Object a, Object b) {
    List<Object> out = new ArrayList<>();
    if (!(a instanceof List<?> la)) {
      return out;
    }
    List<?> exclude = b instanceof List<?> lb ? lb : List.of();
    for (Object x : la) {
      if (exclude.stream().noneMatch(y -> Js.deepEquals(x, y) && !(x instanceof Map) && !(x instanceof List) || x == y)) {
        out.add(x);
      }
    }
    return out;
  }
}
