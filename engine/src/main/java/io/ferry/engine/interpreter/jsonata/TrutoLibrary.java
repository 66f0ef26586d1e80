package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import io.ferry.engine.interpreter.QueryString;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Truto's function library ({@code @truto/truto-jsonata} 3.0.6), bound into every compiled expression: Truto's
 * replacements of {@code $string $keys $join $each $sift}, the lodash helpers, crypto, currency, URL/query, dates
 * ({@link DateTimes}) and the document converters ({@link Documents}). Functions that need a network service, a
 * stream or a binary blob answer an error naming the function ({@link #UNSUPPORTED}).
 */
public final class TrutoLibrary {
  /** Truto functions that need a network service, streams or binary blobs: not available in Ferry. */
  public static final Set<String> UNSUPPORTED = Collections.unmodifiableSet(new java.util.TreeSet<>(List.of(
      "parseDocument", "generateEmbeddingsCohere", "getDataUri", "getArrayBuffer", "teeStream", "blob", "base64ToBlob",
      "bufferToString", "jsonToParquet", "convertMdToPdf")));

  private static final Map<String, JFunction> FUNCTIONS = new LinkedHashMap<>();
  /** Functions defined without a signature: the engine passes their arguments unchecked. */
  private static final Set<String> UNCHECKED = new java.util.HashSet<>();

  private TrutoLibrary() {
  }

  /** Binds every function into a freshly compiled expression's environment (overriding same-named built-ins). */
  public static void bindInto(Jsonata expression) {
    FUNCTIONS.forEach(expression::registerFunction);
  }

  /** The names of the functions Truto's engine adds or replaces that Ferry provides. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(FUNCTIONS.keySet());
  }

  /**
   * The function {@code name} when the engine would call it with its arguments as evaluated (no signature to apply),
   * so {@link NativeJsonata} may call it directly; else null.
   */
  static JFunction unchecked(String name) {
    return UNCHECKED.contains(name) && !UNSUPPORTED.contains(name) ? FUNCTIONS.get(name) : null;
  }

  static void def(String name, String signature, Function<List<Object>, Object> body) {
    if (signature == null) {
      UNCHECKED.add(name);
    } else {
      UNCHECKED.remove(name);
    }
    FUNCTIONS.put(name, new JFunction((input, args) -> {
      List<Object> a = args == null ? new ArrayList<>() : new ArrayList<>(args);
      try {
        return body.apply(a);
      } catch (com.dashjoin.jsonata.JException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new RuntimeException("$" + name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
      } catch (StackOverflowError e) {
        // the Markdown lexer's patterns recurse per line of a block: a block of thousands of lines exhausts the stack
        throw new RuntimeException("$" + name + ": the input is too large to process", e);
      }
    }, signature));
  }

  static Object arg(List<Object> a, int i) {
    return i < a.size() ? a.get(i) : null;
  }

  static String str(List<Object> a, int i) {
    Object v = arg(a, i);
    return v == null ? null : v instanceof String s ? s : Js.string(v);
  }

  static {
    defineCore();
    CollectionFunctions.define();
    DateTimes.define();
    Documents.define();
    DataFormats.define();
    for (String name : UNSUPPORTED) {
      def(name, null, a -> {
        throw new UnsupportedOperationException("not available in Ferry (needs a network service, a stream or a binary blob)");
      });
    }
  }

  private static void defineCore() {
    def("string", "<x-b?:s>", a -> {
      Object v = arg(a, 0);
      if (v == null) {
        return null;
      }
      if (v instanceof String s) {
        return s;
      }
      if (com.dashjoin.jsonata.Utils.isFunction(v) || JsonValues.isLambda(v)) {
        return "";
      }
      if (v instanceof Number n && (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue()))) {
        throw new IllegalArgumentException("D3001 Attempting to invoke string function on Infinity or NaN");
      }
      if (v instanceof com.dashjoin.jsonata.Utils.JList<?> l && l.outerWrapper && !l.isEmpty()) {
        v = l.get(0);
      }
      return Js.stringify(v, Boolean.TRUE.equals(arg(a, 1)), true);
    });
    def("keys", "<x-:a<s>>", a -> {
      List<String> keys = keys(arg(a, 0));
      return keys.isEmpty() ? null : keys.size() == 1 ? keys.get(0) : new ArrayList<Object>(keys);
    });
    def("each", "<o-f:a>", a -> {
      if (!(arg(a, 0) instanceof Map<?, ?> m)) {
        return null;
      }
      List<Object> out = new ArrayList<>();
      m.forEach((k, v) -> {
        Object r = Lodash.call(a.get(1), v == null ? Js.NULL : v, k, m);
        if (r != null) {
          out.add(r);
        }
      });
      return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out;
    });
    def("sift", "<o-f?:o>", a -> {
      if (!(arg(a, 0) instanceof Map<?, ?> m)) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        if (effectiveBoolean(Lodash.call(a.get(1), v == null ? Js.NULL : v, k, m))) {
          out.put(String.valueOf(k), v);
        }
      });
      return out.isEmpty() ? null : out;
    });
    def("base64encode", null, a -> Crypto.base64encode(str(a, 0), Js.truthy(arg(a, 1))));
    def("base64decode", null, a -> Crypto.base64decode(str(a, 0), Js.truthy(arg(a, 1))));
    def("digest", null, a -> Crypto.digest(str(a, 0), arg(a, 1) == null ? "SHA-256" : str(a, 1), arg(a, 2) == null ? "hex" : str(a, 2)));
    def("sign", null, a -> Crypto.sign(str(a, 0), Js.isNil(arg(a, 1)) ? "SHA-256" : str(a, 1), str(a, 2), arg(a, 3) == null ? "hex" : str(a, 3)));
    def("encodeUrl", "<s:s>", a -> a.isEmpty() || a.get(0) == null ? null : Urls.encodeUri(str(a, 0)));
    def("uuid", null, a -> UUID.randomUUID().toString());
    def("jsonParse", null, a -> {
      try {
        Object v = JsonValues.toEngine(com.dashjoin.jsonata.json.Json.parseJson(str(a, 0)));
        return v == null ? Js.NULL : v;
      } catch (Exception e) {
        return Js.NULL;
      }
    });
    def("firstNonEmpty", null, a -> a.stream().filter(v -> !Js.isNil(v)).findFirst().orElse(null));
    def("toNumber", null, a -> Js.num(Js.toNumber(arg(a, 0))));
    def("removeEmpty", null, a -> {
      Object v = arg(a, 0);
      if (v instanceof String s) {
        return s.isEmpty() ? null : s;
      }
      if (v instanceof List<?> l) {
        return l.isEmpty() ? null : l;
      }
      if (Js.isNil(v)) {
        throw new IllegalArgumentException("Cannot read properties of " + Js.string(v) + " (reading 'length')");
      }
      return null;
    });
    def("removeEmptyItems", null, a -> {
      if (!(arg(a, 0) instanceof List<?> l)) {
        return arg(a, 0);
      }
      List<Object> out = new ArrayList<>();
      for (Object v : l) {
        if (v instanceof Map<?, ?> m ? !m.isEmpty() : v instanceof List<?> x ? !x.isEmpty() : Js.truthy(v)) {
          out.add(v);
        }
      }
      return out;
    });
    def("mapValues", null, a -> mapValues(arg(a, 0), arg(a, 1), Js.truthy(arg(a, 2)), a.size() > 3 ? arg(a, 3) : Js.NULL));
    def("parseQuery", null, a -> JsonValues.toEngine(QueryString.parse(str(a, 0) == null ? "" : str(a, 0).replaceFirst("^\\?", "%3F"))));
    def("stringifyQuery", null, a -> Queries.stringify(arg(a, 0), arg(a, 1)));
    def("parseUrl", null, a -> Urls.parse(str(a, 0)));
    def("convertCurrencyToSubunit", null, a -> currency(arg(a, 0), str(a, 1), true));
    def("convertCurrencyFromSubunit", null, a -> currency(arg(a, 0), str(a, 1), false));
    def("diceCoefficient", null, a -> Similarity.dice(str(a, 0), str(a, 1)));
    def("mostSimilar", null, a -> Similarity.mostSimilar(str(a, 0), arg(a, 1), arg(a, 2) == null ? 0.8 : Js.toNumber(arg(a, 2))));
    def("getMimeType", null, a -> MimeTypes.of(str(a, 0)));
    def("zipSqlResponse", null, a -> {
      List<Object> columns = Lodash.castArray(arg(a, 0));
      List<Object> out = new ArrayList<>();
      for (Object row : Lodash.castArray(arg(a, 1))) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          o.put(Js.string(Lodash.get(columns.get(i), arg(a, 2))), row instanceof List<?> r && i < r.size() ? r.get(i) : null);
        }
        out.add(o);
      }
      return out;
    });
    def("sortNodes", null, a -> Trees.sortNodes(arg(a, 0), a.size() > 1 ? arg(a, 1) : "id", a.size() > 2 ? arg(a, 2) : "parent_id",
        a.size() > 3 ? arg(a, 3) : "sequence"));
  }

  static List<String> keys(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      java.util.LinkedHashSet<String> set = new java.util.LinkedHashSet<>();
      l.forEach(x -> set.addAll(keys(x)));
      out.addAll(set);
    } else if (v instanceof NativeObject n) {
      out.addAll(n.rawKeys());
    } else if (v instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> out.add(String.valueOf(k)));
    }
    return out;
  }

  static boolean effectiveBoolean(Object v) {
    if (Js.isNil(v)) {
      return false;
    }
    if (v instanceof List<?> l) {
      return l.stream().anyMatch(TrutoLibrary::effectiveBoolean);
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return Js.truthy(v);
  }

  static Object mapValues(Object value, Object mapping, boolean lowerCase, Object fallback) {
    if (Js.isNil(value) && fallback != Js.NULL && fallback != null) {
      return fallback;
    }
    if (!(mapping instanceof Map<?, ?> m)) {
      return value;
    }
    Map<String, Object> lower = new LinkedHashMap<>();
    m.forEach((k, v) -> lower.put(lowerCase ? String.valueOf(k) : String.valueOf(k).toLowerCase(java.util.Locale.ROOT), v));
    return mapWith(value, lower);
  }

  private static Object mapWith(Object value, Map<String, Object> mapping) {
    if (value instanceof String || value instanceof Number) {
      Object v = mapping.get(Js.string(value).toLowerCase(java.util.Locale.ROOT));
      return Js.isNil(v) ? value : v;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(mapWith(x, mapping)));
      return out;
    }
    if (value instanceof Map<?, ?> obj && !(value instanceof NativeObject)) {
      Map<String, Object> out = new LinkedHashMap<>();
      obj.forEach((k, x) -> out.put(String.valueOf(k), mapWith(x, mapping)));
      return out;
    }
    return value;
  }

  private static Object currency(Object amount, String code, boolean toSubunit) {
    if (Js.isNil(amount)) {
      return amount;
    }
    int digits;
    try {
      digits = code == null ? -1 : java.util.Currency.getInstance(code).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      digits = -1;
    }
    if (digits < 0) {
      if (code == null || !code.matches("X(AU|AG|PT|PD|DR|XX|TS|SU|UA|BA|BB|BC|BD|AF|OF|CF)")) {
        return amount;
      }
      digits = 0;
    }
    double value = Js.parseFloat(amount);
    if (toSubunit) {
      return Js.num(Math.floor(value * Math.pow(10, digits)));
    }
    return new java.math.BigDecimal(value / Math.pow(10, digits)).setScale(digits, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
