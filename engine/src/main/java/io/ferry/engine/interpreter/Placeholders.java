package io.ferry.engine.interpreter;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * {@code {{path}}} templates with the semantics of Truto's replace-placeholders: dotted paths with array indices and
 * hyphenated keys; casts {@code :str :int :num :bool :json :null :undefined :ignore-empty-str :any} (a non-string
 * cast applies only when the placeholder is the whole string); fallbacks {@code a|b}; defaults {@code a?:b};
 * unresolved placeholders left intact; {@code $truto_merge} deep-merges resolved objects into the parent.
 * A whole-string placeholder without a cast keeps the value's own type.
 */
public final class Placeholders {
  /** Returned for a value that resolves to "undefined": the caller drops the key. */
  public static final Object UNDEFINED = new Object() {
    @Override
    public String toString() {
      return "undefined";
    }
  };

  private Placeholders() {
  }

  public static boolean hasPlaceholder(String s) {
    return s.contains("{{") && PlaceholderTemplate.of(s).hasSlots;
  }

  /** Renders any JSON value: strings, and arrays and objects deeply (object keys are not templated). */
  public static Object render(Object template, JsonObject data) {
    if (template instanceof String s) {
      return s.indexOf("{{") < 0 ? s : renderString(s, data);
    }
    if (template instanceof JsonObject o) {
      return renderObject(o, data);
    }
    if (template instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> {
        Object r = render(v, data);
        if (r != UNDEFINED) {
          out.add(r);
        }
      });
      return out;
    }
    return template;
  }

  private static JsonObject renderObject(JsonObject o, JsonObject data) {
    JsonObject out = new JsonObject();
    Object merge = null;
    for (Map.Entry<String, Object> e : o) {
      if ("$truto_merge".equals(e.getKey())) {
        merge = render(e.getValue(), data);
        continue;
      }
      Object r = render(e.getValue(), data);
      if (r != UNDEFINED) {
        out.put(e.getKey(), r);
      }
    }
    if (merge instanceof JsonObject m) {
      out = Json.deepMerge(out, m, false);
    } else if (merge instanceof JsonArray sources) {
      for (Object src : sources) {
        if (src instanceof JsonObject m) {
          out = Json.deepMerge(out, m, false);
        }
      }
    }
    return out;
  }

  private static Object renderString(String s, JsonObject data) {
    PlaceholderTemplate t = PlaceholderTemplate.of(s);
    if (t.whole) {
      Resolved r = resolve((PlaceholderTemplate.Slot) t.parts.get(0), data);
      return r == null ? s : r.value;
    }
    return renderParts(t, s.length(), data, v -> v);
  }

  /**
   * Renders placeholders inside {@code s} as text, each value passed through {@code encode} (URL paths encode each
   * value as one segment). Unresolved placeholders stay as they are, so the caller can tell.
   */
  public static String renderInline(String s, JsonObject data, java.util.function.UnaryOperator<String> encode) {
    if (s.indexOf("{{") < 0) {
      return s;
    }
    return renderParts(PlaceholderTemplate.of(s), s.length(), data, encode);
  }

  private static String renderParts(PlaceholderTemplate t, int length, JsonObject data,
                                    java.util.function.UnaryOperator<String> encode) {
    StringBuilder sb = new StringBuilder(length + 32);
    for (Object part : t.parts) {
      if (part instanceof PlaceholderTemplate.Slot slot) {
        Resolved r = resolve(slot, data);
        sb.append(r == null ? slot.source() : r.value == UNDEFINED || r.value == null ? "" : encode.apply(stringify(r.value)));
      } else {
        sb.append((String) part);
      }
    }
    return sb.toString();
  }

  private record Resolved(Object value) {
  }

  /** Null when the placeholder stays unresolved (leave it intact). */
  private static Resolved resolve(PlaceholderTemplate.Slot slot, JsonObject data) {
    String lastType = null;
    for (PlaceholderTemplate.Option option : slot.options()) {
      if (option.error() != null) {
        throw new ConfigError(option.error());
      }
      String type = option.type();
      lastType = type;
      Object value = lookup(data, option);
      if (value == MISSING || ("ignore-empty-str".equals(type) && "".equals(value))) {
        if (option.defaultLiteral() != null) {
          return new Resolved(cast(option.defaultLiteral(), type));
        }
        continue;
      }
      return new Resolved(cast(value, type));
    }
    if ("undefined".equals(lastType)) {
      return new Resolved(UNDEFINED);
    }
    if ("null".equals(lastType)) {
      return new Resolved(null);
    }
    return null;
  }

  private static final Object MISSING = new Object();

  private static Object lookup(JsonObject data, PlaceholderTemplate.Option option) {
    Object current = data;
    String[] keys = option.keys();
    for (int i = 0; i < keys.length; i++) {
      String key = keys[i];
      int index = option.indices()[i];
      if (current instanceof JsonObject o) {
        if (!o.containsKey(key)) {
          return MISSING;
        }
        current = o.getValue(key);
      } else if (current instanceof JsonArray a && index >= 0 && index < a.size()) {
        current = a.getValue(index);
      } else {
        return MISSING;
      }
    }
    return current;
  }

  private static Object cast(Object value, String type) {
    if (type == null || "any".equals(type) || "ignore-empty-str".equals(type) || "undefined".equals(type)) {
      return value;
    }
    return switch (type) {
      case "str" -> value == null ? "" : stringify(value);
      case "int" -> toNumber(value, true);
      case "num" -> toNumber(value, false);
      case "bool" -> value instanceof Boolean b ? b : value instanceof String s ? !(s.isEmpty() || s.equals("false") || s.equals("0"))
          : Jsonata.truthy(value);
      case "json" -> value instanceof String s ? parseJson(s) : value;
      case "null" -> value;
      default -> value;
    };
  }

  private static Object toNumber(Object value, boolean integer) {
    try {
      double d = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
      return integer ? (Object) (long) d : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object parseJson(String s) {
    try {
      return io.vertx.core.json.Json.decodeValue(s);
    } catch (RuntimeException e) {
      return s;
    }
  }

  public static String stringify(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof JsonObject || v instanceof JsonArray || v instanceof Map || v instanceof Iterable) {
      return io.vertx.core.json.Json.encode(v);
    }
    return QueryString.scalar(v);
  }
}
