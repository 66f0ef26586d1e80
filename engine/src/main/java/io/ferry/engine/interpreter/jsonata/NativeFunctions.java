package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Functions;

import java.util.ArrayList;
import java.util.List;

import static io.ferry.engine.interpreter.jsonata.NativeJsonata.UNSURE;

/**
 * The functions {@link NativeJsonata} calls directly: the engine's own implementations (Truto's {@code $string}), with
 * the argument coercions their signatures would apply; an argument the signature would reject is left to the engine.
 */
final class NativeFunctions {
  private NativeFunctions() {
  }

  /** Truto's {@code $string} ({@link TrutoLibrary}), for the values a mapping can hold. */
  static Object string(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number n && (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue()))) {
      throw UNSURE;
    }
    return Js.stringify(v, false, true);
  }

  /** {@code $number(<(nsb)-:n>)}: what the engine's function answers; anything it rejects is left to the engine. */
  static Object number(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
      throw UNSURE;
    }
    return Functions.number(v);
  }

  /**
   * A string, or a list of strings, joined with a string separator ({@code dflt} when none); null for any other
   * arguments. Serves the engine's {@code $join} (default "") and Truto's library one (default ","), which hands other
   * arguments to the library function as they are.
   */
  static String joinStrings(Object values, Object separator, String dflt) {
    if (separator != null && !(separator instanceof String)) {
      return null;
    }
    if (values instanceof String s) {
      return s;
    }
    if (!(values instanceof List<?> l)) {
      return null;
    }
    String sep = separator == null ? dflt : (String) separator;
    StringBuilder sb = new StringBuilder();
    for (int i = 0, n = l.size(); i < n; i++) {
      if (!(l.get(i) instanceof String s)) {
        return null;
      }
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(s);
    }
    return sb.toString();
  }

  /** {@code $join(<a<s>s?:s>)}: a lone string is an array of one. */
  static Object join(Object values, Object separator) {
    if (separator != null && !(separator instanceof String)) {
      throw UNSURE;
    }
    if (values == null) {
      return null;
    }
    String joined = joinStrings(values, separator, "");
    if (joined == null) {
      throw UNSURE;
    }
    return joined;
  }

  /** {@code $lookup(<x-s:x>)}. */
  static Object lookup(Object input, Object key) {
    if (!(key instanceof String k)) {
      throw UNSURE;
    }
    return NativeJsonata.lookup(input, k);
  }

  /** {@code $lowercase} and {@code $uppercase} ({@code <s-:s>}). */
  static Object letterCase(Object v, boolean upper) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw UNSURE;
    }
    return upper ? Functions.uppercase(s) : Functions.lowercase(s);
  }

  /** A Truto function without a signature, called as the engine calls it: every argument as evaluated. */
  static Object call(com.dashjoin.jsonata.Jsonata.JFunction f, NativeJsonata.Node[] args, Object input, NativeJsonata.Env env) {
    List<Object> values = new ArrayList<>(args.length);
    for (NativeJsonata.Node a : args) {
      values.add(a.eval(input, env));
    }
    return apply(f, input, values);
  }

  /** As {@link #call}, with the arguments evaluated already. */
  static Object apply(com.dashjoin.jsonata.Jsonata.JFunction f, Object input, List<Object> values) {
    for (Object v : values) {
      if (com.dashjoin.jsonata.Utils.isFunction(v) || JsonValues.isLambda(v)) {
        throw UNSURE;
      }
    }
    try {
      return f.call(input, values);
    } catch (RuntimeException e) {
      throw UNSURE; // the engine runs it again and reports the error its way
    }
  }

  /** {@code $merge(<a<o>:o>)}: a lone object is an array of one. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object merge(Object v) {
    if (v == null) {
      return null;
    }
    List<Object> objects = v instanceof List<?> l ? (List<Object>) l : List.of(v);
    for (Object o : objects) {
      if (!(o instanceof java.util.Map)) {
        throw UNSURE;
      }
    }
    return Functions.merge((List) objects);
  }

  /** {@code $replace} with a string pattern and a string replacement, no limit. */
  static Object replace(Object str, Object pattern, Object replacement) {
    if (str == null) {
      return null;
    }
    if (!(str instanceof String s) || !(pattern instanceof String p) || p.isEmpty() || !(replacement instanceof String r)) {
      throw UNSURE;
    }
    try {
      return Functions.replace(s, p, r, null);
    } catch (RuntimeException e) {
      throw UNSURE;
    }
  }
}
