package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * JavaScript semantics Truto's functions inherit from Node: {@code undefined} is Java null, JSON null is
 * {@link Jsonata#NULL_VALUE}; number to string, {@code JSON.stringify}, truthiness, {@code String(x)}.
 */
public final class Js {
  public static final Object NULL = Jsonata.NULL_VALUE;

  private Js() {
  }

  public static boolean isNil(Object v) {
    return v == null || v == NULL;
  }

  /** JS truthiness (objects and arrays are truthy). */
  public static boolean truthy(Object v) {
    if (isNil(v)) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }

  /** {@code Number.prototype.toString()}: the shortest digits that read back as the same double. */
  public static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal b = new BigDecimal(d).round(new MathContext(p));
      if (b.doubleValue() == d) {
        shortest = b.stripTrailingZeros();
        break;
      }
    }
    if (shortest == null) {
      shortest = new BigDecimal(d).round(MathContext.DECIMAL64).stripTrailingZeros();
    }
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    String unscaled = shortest.unscaledValue().abs().toString();
    int exponent = unscaled.length() - 1 - shortest.scale();
    String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
  }

  /** {@code String(x)} */
  public static String string(Object v) {
    if (v == null) {
      return "undefined";
    }
    if (v == NULL) {
      return "null";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number n) {
      return number(n.doubleValue());
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Object x = l.get(i);
        sb.append(isNil(x) ? "" : string(x));
      }
      return sb.toString();
    }
    if (v instanceof NativeObject n) {
      return n.json() instanceof String s ? s : "[object Object]";
    }
    return "[object Object]";
  }

  /** {@code JSON.stringify(v, null, indent)}; {@code precision15} applies Truto's {@code $string} number rounding. */
  public static String stringify(Object v, boolean pretty, boolean precision15) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, pretty ? "  " : null, "", precision15);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, String indent, String current, boolean p15) {
    if (v instanceof NativeObject n) {
      v = n.json();
    }
    if (isNil(v) || com.dashjoin.jsonata.Utils.isFunction(v) || JsonValues.isLambda(v)) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("null");
      } else {
        sb.append(number(p15 ? new BigDecimal(d).round(new MathContext(15)).doubleValue() : d));
      }
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      String inner = indent == null ? null : current + indent;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (inner != null) {
          sb.append('\n').append(inner);
        }
        write(sb, l.get(i), indent, inner, p15);
      }
      if (inner != null) {
        sb.append('\n').append(current);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      String inner = indent == null ? null : current + indent;
      boolean first = true;
      sb.append('{');
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object x = e.getValue();
        if (x == null || com.dashjoin.jsonata.Utils.isFunction(x) || JsonValues.isLambda(x)) {
          continue;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        if (inner != null) {
          sb.append('\n').append(inner);
        }
        quote(sb, String.valueOf(e.getKey()));
        sb.append(inner != null ? ": " : ":");
        write(sb, x, indent, inner, p15);
      }
      if (!first && inner != null) {
        sb.append('\n').append(current);
      }
      sb.append('}');
    } else {
      quote(sb, String.valueOf(v));
    }
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** {@code parseFloat}/unary plus for strings, as lodash's {@code toNumber} uses it. */
  public static double toNumber(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v == NULL) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      String t = s.strip();
      if (t.isEmpty()) {
        return 0;
      }
      try {
        if (t.matches("[+-]?0[xX][0-9a-fA-F]+")) {
          return t.startsWith("-") || t.startsWith("+") ? Double.NaN : Long.parseLong(t.substring(2), 16);
        }
        if (t.matches("0[bB][01]+")) {
          return Long.parseLong(t.substring(2), 2);
        }
        if (t.matches("0[oO][0-7]+")) {
          return Long.parseLong(t.substring(2), 8);
        }
        if (t.matches("[+-]?Infinity")) {
          return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
          return Double.NaN;
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    if (v instanceof List<?> l) {
      return l.isEmpty() ? 0 : l.size() == 1 ? toNumber(l.get(0) instanceof List ? string(l.get(0)) : l.get(0) instanceof String ? l.get(0) : string(l.get(0))) : Double.NaN;
    }
    return Double.NaN;
  }

  /** {@code parseFloat(x)}: the longest numeric prefix. */
  public static double parseFloat(Object v) {
    String s = v instanceof String str ? str.strip() : string(v);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(s);
    if (m.find()) {
      return Double.parseDouble(m.group());
    }
    return s.startsWith("Infinity") ? Double.POSITIVE_INFINITY : Double.NaN;
  }

  /** A JS number result: integral within the safe range as Long, else Double. */
  public static Object num(double d) {
    return JsonValues.number(d);
  }

  /** JS {@code ===} on JSON values (SameValueZero for numbers), deep for the lodash matchers. */
  public static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a != null && a.equals(b);
  }
}
