package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.dashjoin.jsonata.Utils.JList;
import io.ferry.engine.json.JsonTypes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSONata subset that unified mappings are written in (paths, object and array constructors, filters, conditions,
 * blocks with variables, boolean, comparison, concatenation and arithmetic operators, a few functions) compiled into
 * Java closures. Built from the engine's own parse tree and mirroring its evaluator step by step over the same values
 * (maps, lists, {@link JList} sequences, {@link Jsonata#NULL_VALUE}), it answers what the engine answers without its
 * per-node frame lookups, callbacks and signature checks: a 10-record response mapping runs in a few microseconds
 * instead of ~100. An expression outside the subset does not compile ({@link #compile} answers null); a value the
 * subset is unsure about at run time throws {@link Unsure}, and the caller then runs the whole expression on the
 * engine. No lambdas, recursion or loops: evaluation is linear in expression and input, so it needs no time box.
 */
public final class NativeJsonata {

  /** Thrown when a value falls outside what the native path mirrors exactly; the engine evaluates instead. */
  public static final class Unsure extends RuntimeException {
    Unsure() {
      super(null, null, false, false);
    }
  }

  static final Unsure UNSURE = new Unsure();

  interface Node {
    Object eval(Object input, Env env);
  }

  /**
   * Variable frames as the engine's: a block opens one, {@code :=} binds into the current one. A mapping binds one or
   * two names per block, so a frame keeps them in two short arrays (no map, no hashing per lookup).
   */
  static final class Env {
    final Env parent;
    final Object root;
    private String[] names;
    private Object[] values;
    private int count;
    /**
     * The last first step of a name path in this frame: its input (by identity), name (interned) and value. Inputs are
     * never changed while an expression runs, so the same object and name give the same value.
     */
    Object stepInput;
    String stepName;
    Object stepValue;

    Env(Env parent, Object root) {
      this.parent = parent;
      this.root = root;
    }

    Object lookup(String name) {
      for (Env e = this; e != null; e = e.parent) {
        for (int i = 0; i < e.count; i++) {
          if (e.names[i].equals(name)) {
            return e.values[i];
          }
        }
      }
      return "$".equals(name) ? root : null;
    }

    void bind(String name, Object value) {
      for (int i = 0; i < count; i++) {
        if (names[i].equals(name)) {
          values[i] = value;
          return;
        }
      }
      if (names == null) {
        names = new String[2];
        values = new Object[2];
      } else if (count == names.length) {
        names = java.util.Arrays.copyOf(names, count * 2);
        values = java.util.Arrays.copyOf(values, count * 2);
      }
      names[count] = name;
      values[count++] = value;
    }
  }

  private final Node root;

  private NativeJsonata(Node root) {
    this.root = root;
  }

  /** The native form of {@code expression}, or null when it uses anything outside the subset (or does not parse). */
  public static NativeJsonata compile(String expression) {
    try {
      return build(expression);
    } catch (Ast.Unsupported | RuntimeException e) {
      return null;
    }
  }

  /** Why {@code expression} stays on the engine (null when it compiles): for tests and diagnostics. */
  public static String unsupported(String expression) {
    try {
      build(expression);
      return null;
    } catch (Ast.Unsupported | RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static NativeJsonata build(String expression) throws Ast.Unsupported {
    Object ast = Ast.of(Jsonata.jsonata(expression));
    Set<String> bound = new java.util.HashSet<>();
    Ast.collectBindings(ast, bound);
    return new NativeJsonata(new NodeCompiler(bound).compile(ast));
  }

  /** An object this evaluator built (never one of the input's): its answer may reuse it instead of copying it. */
  static final class Built extends LinkedHashMap<Object, Object> {
    Built(int size) {
      super(Math.max(4, size * 4 / 3 + 1));
    }
  }

  /**
   * Evaluates into Vert.x JSON values ({@link JsonValues#toVertx}'s answer): objects and sequences this evaluator built
   * are converted in place and wrapped; the input's own objects and arrays are copied, as they must stay untouched.
   */
  public Object evaluateToVertx(Map<String, Object> input) {
    return vertx(evaluate(input));
  }

  @SuppressWarnings("unchecked")
  private static Object vertx(Object v) {
    if (v instanceof Built m) {
      for (Map.Entry<Object, Object> e : m.entrySet()) {
        Object x = e.getValue();
        if (x != null && !(x instanceof String) && !(x instanceof Boolean) && !(x instanceof io.vertx.core.json.JsonObject)
            && !(x instanceof io.vertx.core.json.JsonArray)) {
          e.setValue(vertx(x));
        }
      }
      return new io.vertx.core.json.JsonObject((Map<String, Object>) (Map<?, ?>) m);
    }
    if (v instanceof JList<?> l) {
      List<Object> list = (List<Object>) l;
      for (int i = 0; i < list.size(); i++) {
        Object x = list.get(i);
        if (x != null && !(x instanceof String) && !(x instanceof Boolean) && !(x instanceof io.vertx.core.json.JsonObject)
            && !(x instanceof io.vertx.core.json.JsonArray)) {
          list.set(i, vertx(x));
        }
      }
      return new io.vertx.core.json.JsonArray(list); // a list this evaluator made; the input's objects in it were copied
    }
    if (v instanceof io.vertx.core.json.JsonObject || v instanceof io.vertx.core.json.JsonArray) {
      return v; // converted already (the same built value reached twice)
    }
    return JsonValues.toVertx(v);
  }

  /**
   * Evaluates over {@code input}, a map of engine values ({@link JsonValues#plain}); answers an engine value (null for
   * undefined). Throws {@link Unsure} when the engine must decide.
   */
  public Object evaluate(Map<String, Object> input) {
    return root.eval(input, new Env(null, input));
  }

  // ---- the evaluator's steps, as com.dashjoin.jsonata.Jsonata has them ----

  /** What the engine does to every node's answer: predicates, then a sequence of one becomes its item, of none undefined. */
  static Object mangle(Object result, boolean keepArray) {
    if (result instanceof JList<?> l && l.sequence && !l.tupleStream) {
      if (keepArray) {
        l.keepSingleton = true;
      }
      if (l.isEmpty()) {
        return null;
      }
      if (l.size() == 1) {
        return l.keepSingleton ? l : l.get(0);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  static List<Object> filter(Node predicate, boolean numberIndex, Object numberValue, Object input, Env env) {
    if (input instanceof JList<?> l && l.tupleStream) {
      throw UNSURE;
    }
    List<Object> in = input instanceof List<?> li ? (List<Object>) li : Utils.createSequence(input);
    List<Object> results = sequence(in.size());
    if (numberIndex) {
      int index = ((Number) numberValue).intValue();
      if (index < 0) {
        index = in.size() + index;
      }
      Object item = 0 <= index && index < in.size() ? in.get(index) : null;
      if (item != null) {
        if (item instanceof List<?> il) {
          return (List<Object>) il;
        }
        results.add(item);
      }
      return results;
    }
    for (int index = 0; index < in.size(); index++) {
      Object item = in.get(index);
      Object res = predicate.eval(item, env);
      if (Utils.isNumeric(res)) {
        res = Utils.createSequence(res);
      }
      if (Utils.isArrayOfNumbers(res)) {
        for (Object ires : (List<Object>) res) {
          int ii = ((Number) ires).intValue();
          if (ii < 0) {
            ii = in.size() + ii;
          }
          if (ii == index) {
            results.add(item);
          }
        }
      } else if (Jsonata.boolize(res)) {
        results.add(item);
      }
    }
    return results;
  }

  /**
   * The filter {@code [$ != null]} (mappings drop absent parts of an array with it), as {@link #filter} runs it without
   * evaluating the predicate per item: an item stays unless it is undefined or JSON null.
   */
  @SuppressWarnings("unchecked")
  static List<Object> withoutNulls(Object input) {
    if (input instanceof JList<?> l && l.tupleStream) {
      throw UNSURE;
    }
    List<Object> in = JsonTypes.isList(input) ? (List<Object>) input : Utils.createSequence(input);
    List<Object> results = sequence(in.size());
    for (int i = 0, n = in.size(); i < n; i++) {
      Object item = in.get(i);
      Object value = item instanceof JList<?> l && l.outerWrapper ? l.get(0) : item;
      if (value != null && value != Jsonata.NULL_VALUE) { // NULL_VALUE equals nothing but itself
        results.add(item);
      }
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  static Object path(Node[] steps, Node[][] stages, boolean firstIsVariable, boolean consFirst, boolean keepSingletonArray,
                     Object input, Env env) {
    List<Object> inputSequence = !firstIsVariable && JsonTypes.isList(input) ? (List<Object>) input
        : Utils.createSequence(input);
    Object resultSequence = null;
    for (int ii = 0; ii < steps.length; ii++) {
      if (ii == 0 && consFirst) {
        resultSequence = steps[0].eval(inputSequence, env);
      } else {
        resultSequence = step(steps[ii], stages[ii], inputSequence, env, ii == steps.length - 1);
      }
      if (resultSequence == null || ((List<Object>) resultSequence).isEmpty()) {
        break;
      }
      inputSequence = (List<Object>) resultSequence;
    }
    if (keepSingletonArray) {
      if (!(resultSequence instanceof JList)) {
        resultSequence = new JList<>((List<Object>) resultSequence);
      }
      if (((JList<Object>) resultSequence).cons && !((JList<Object>) resultSequence).sequence) {
        resultSequence = Utils.createSequence(resultSequence);
      }
      ((JList<Object>) resultSequence).keepSingleton = true;
    }
    return resultSequence;
  }

  @SuppressWarnings("unchecked")
  /** {@code Utils.createSequence()} sized for what it will hold. */
  private static List<Object> sequence(int capacity) {
    JList<Object> s = new JList<>(Math.max(1, capacity));
    s.sequence = true;
    return s;
  }

  private static List<Object> step(Node expr, Node[] stages, List<Object> input, Env env, boolean lastStep) {
    List<Object> result = sequence(input.size());
    for (Object item : input) {
      Object res = expr.eval(item, env);
      for (Node stage : stages) {
        res = stage.eval(res, env);
      }
      if (res != null) {
        result.add(res);
      }
    }
    if (lastStep && result.size() == 1 && result.get(0) instanceof List<?> only && !Utils.isSequence(only)) {
      return (List<Object>) only;
    }
    List<Object> sequence = sequence(result.size());
    for (Object res : result) {
      if (!JsonTypes.isList(res) || (res instanceof JList<?> j && j.cons)) {
        sequence.add(res);
      } else {
        sequence.addAll((List<Object>) res);
      }
    }
    return sequence;
  }

  /**
   * The array constructor. The engine appends each item with {@code Functions.append}, which copies the array built so
   * far every time; appending to the one array this call owns gives the same array.
   */
  static Object arrayConstructor(Node[] items, boolean[] nested, boolean consarray, Object input, Env env) {
    JList<Object> result = new JList<>(items.length);
    for (int i = 0; i < items.length; i++) {
      Object value = items[i].eval(input, env);
      if (value != null) {
        if (nested[i] || !JsonTypes.isList(value)) {
          result.add(value);
        } else {
          result.addAll((List<?>) value);
        }
      }
    }
    if (consarray) {
      result.cons = true;
    }
    return result;
  }

  /**
   * A path of plain names ({@code properties.email}) over objects: the engine's steps reduce to lookups while every
   * value on the way is an object. Anything else (an array on the way, a sequence) takes the general path.
   */
  static Object namePath(String[] names, Node general, Object input, Env env) {
    if (!JsonTypes.isMap(input)) {
      return general.eval(input, env);
    }
    Object cur = input;
    int i = 0;
    if (names.length > 1) { // properties.firstname, properties.email...: the first step is usually the last one's
      if (env.stepInput == input && env.stepName == names[0]) {
        cur = env.stepValue;
      } else {
        cur = lookup(input, names[0]);
        env.stepInput = input;
        env.stepName = names[0];
        env.stepValue = cur;
      }
      if (cur == null) {
        return null;
      }
      i = 1;
    }
    for (; i < names.length; i++) {
      if (!JsonTypes.isMap(cur)) {
        if (JsonTypes.isList(cur)) {
          return general.eval(input, env);
        }
        return null; // a field of a string, number, boolean or JSON null is undefined
      }
      cur = lookup(cur, names[i]);
      if (cur == null) {
        return null;
      }
    }
    return cur instanceof JList ? general.eval(input, env) : cur;
  }

  private static final Object ABSENT = new Object();

  /** Jsonata's truthiness ({@code Jsonata.boolize}), without its chain of type tests for the common string and boolean. */
  static boolean truthy(Object v) {
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return v != null && Jsonata.boolize(v);
  }

  /**
   * The engine's {@code Functions.lookup}: a field of an object ({@link Jsonata#NULL_VALUE} for a JSON null), or of
   * each item of an array. Measured at 16 ns a call through the engine's method against 3 ns here, and a mapping
   * looks up a few hundred fields per page.
   */
  static Object lookup(Object input, String key) {
    if (JsonTypes.isMap(input)) {
      Object found = ((Map<?, Object>) input).getOrDefault(key, ABSENT); // one hash lookup whether present, null or absent
      return found == ABSENT ? null : found == null ? Jsonata.NULL_VALUE : found;
    }
    return JsonTypes.isList(input) ? Functions.lookup(input, key) : null;
  }

  /** The object constructor: the engine groups the input by each key expression, then evaluates each value once. */
  @SuppressWarnings("unchecked")
  static Object objectConstructor(Node[] keys, Node[] values, Object input, Env env) {
    if (!JsonTypes.isList(input)) {
      return singleObject(keys, values, input, env);
    }
    if (input instanceof JList<?> l && l.tupleStream) {
      throw UNSURE;
    }
    List<Object> in = input instanceof List<?> li ? (List<Object>) li : Utils.createSequence(input);
    if (in.isEmpty()) {
      in = Utils.createSequence(null); // an undefined item, so a literal object is still built
    }
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (Object item : in) {
      for (int p = 0; p < keys.length; p++) {
        Object key = keys[p].eval(item, env);
        if (key == null) {
          continue;
        }
        if (!(key instanceof String k)) {
          throw UNSURE; // the engine's T1003
        }
        Integer seen = index.get(k);
        if (seen == null) {
          index.put(k, p);
          data.put(k, item);
        } else if (seen != p) {
          throw UNSURE; // the engine's D1009
        } else {
          data.put(k, Functions.append(data.get(k), item));
        }
      }
    }
    Map<Object, Object> result = new Built(data.size());
    for (var e : data.entrySet()) {
      Object res = values[index.get(e.getKey())].eval(e.getValue(), env);
      if (res != null) {
        result.put(e.getKey(), res);
      }
    }
    return result;
  }

  /**
   * An object from keys already known (distinct string literals, or {@link #singleObject}'s evaluated keys, null where a
   * key was undefined): each value evaluated once, in pair order.
   */
  static Object literalObject(String[] keys, Node[] values, Object item, Env env) {
    Map<Object, Object> result = new Built(keys.length);
    for (int p = 0; p < keys.length; p++) {
      if (keys[p] == null) {
        continue;
      }
      Object res = values[p].eval(item, env);
      if (res != null) {
        result.put(keys[p], res);
      }
    }
    return result;
  }

  /** The object constructor over one item (a path step's, or the scope): no grouping, keys in pair order. */
  private static Object singleObject(Node[] keys, Node[] values, Object item, Env env) {
    String[] found = new String[keys.length];
    for (int p = 0; p < keys.length; p++) {
      Object key = keys[p].eval(item, env);
      if (key == null) {
        continue;
      }
      if (!(key instanceof String k)) {
        throw UNSURE; // the engine's T1003
      }
      for (int q = 0; q < p; q++) {
        if (k.equals(found[q])) {
          throw UNSURE; // the engine's D1009
        }
      }
      found[p] = k;
    }
    return literalObject(found, values, item, env);
  }

  static Object equality(Object lhs, Object rhs, boolean equal) {
    if (lhs == null || rhs == null) {
      return false;
    }
    // the engine's own test (Java equality, numbers as doubles at the top level) over the same values
    Object l = lhs instanceof Number n ? (Object) n.doubleValue() : lhs;
    Object r = rhs instanceof Number n ? (Object) n.doubleValue() : rhs;
    return equal == l.equals(r);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object comparison(Object lhs, Object rhs, String op) {
    boolean lc = lhs == null || lhs instanceof String || lhs instanceof Number;
    boolean rc = rhs == null || rhs instanceof String || rhs instanceof Number;
    if (!lc || !rc) {
      throw UNSURE;
    }
    if (lhs == null || rhs == null) {
      return null;
    }
    if (!lhs.getClass().equals(rhs.getClass())) {
      if (lhs instanceof Number a && rhs instanceof Number b) {
        lhs = a.doubleValue();
        rhs = b.doubleValue();
      } else {
        throw UNSURE;
      }
    }
    int c = ((Comparable) lhs).compareTo(rhs);
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  static Object numeric(Object lhs, Object rhs, String op) {
    if ((lhs != null && !Utils.isNumeric(lhs)) || (rhs != null && !Utils.isNumeric(rhs))) {
      throw UNSURE;
    }
    if (lhs == null || rhs == null) {
      return null;
    }
    double l = ((Number) lhs).doubleValue();
    double r = ((Number) rhs).doubleValue();
    double result = switch (op) {
      case "+" -> l + r;
      case "-" -> l - r;
      case "*" -> l * r;
      case "/" -> l / r;
      default -> l % r;
    };
    if (Double.isNaN(result) || Double.isInfinite(result)) {
      throw UNSURE;
    }
    return Utils.convertNumber(result);
  }

  /** The {@code in} operator. */
  static Object includes(Object lhs, Object rhs) {
    if (lhs == null || rhs == null) {
      return false;
    }
    List<?> all = rhs instanceof List<?> l ? l : List.of(rhs);
    for (Object r : all) {
      if (Boolean.TRUE.equals(equality(lhs, r, true))) {
        return true;
      }
    }
    return false;
  }

  static Object concat(Object lhs, Object rhs) {
    if ((lhs != null && !(lhs instanceof String)) || (rhs != null && !(rhs instanceof String))) {
      if (!(lhs == null || lhs instanceof String || lhs instanceof Number || lhs instanceof Boolean)
          || !(rhs == null || rhs instanceof String || rhs instanceof Number || rhs instanceof Boolean)) {
        throw UNSURE;
      }
    }
    return (lhs == null ? "" : Functions.string(lhs, null)) + (rhs == null ? "" : Functions.string(rhs, null));
  }
}
