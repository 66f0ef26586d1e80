package io.ferry.engine.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled pre-check for the plain request schemas (type, properties, required, lengths, enums...): it answers
 * {@code true} only for an instance that is certainly valid, and {@code false} for "invalid, or not sure", after which
 * {@link SchemaCheck} asks the full validator, which alone words failures. vertx-json-schema interprets the schema
 * and copies the instance on every call, about 12 µs for an import body: a third of a bulk import's CPU per line.
 * A schema with any keyword outside this subset compiles to {@code null} (always the full validator).
 */
final class QuickSchema {
  /** Keywords that only annotate (2020-12 treats {@code format} as an assertion in vertx, so it is not here). */
  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description", "examples",
      "default", "deprecated", "readOnly", "writeOnly");

  private interface Check {
    boolean certainlyValid(Object value);
  }

  private final Check root;

  private QuickSchema(Check root) {
    this.root = root;
  }

  /** The pre-check of {@code schema}, or null when it uses a keyword this subset does not cover. */
  static QuickSchema compile(JsonObject schema) {
    Check root = node(schema);
    return root == null ? null : new QuickSchema(root);
  }

  boolean certainlyValid(Object instance) {
    return root.certainlyValid(plain(instance));
  }

  @SuppressWarnings("unchecked")
  private static Object plain(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return new JsonArray(l);
    }
    return v;
  }

  private static Check node(Object schema) {
    if (Boolean.TRUE.equals(schema)) {
      return v -> true;
    }
    if (!(schema instanceof JsonObject s)) {
      return null; // false (never valid) or malformed: the full validator answers
    }
    List<Check> checks = new ArrayList<>();
    for (String keyword : s.fieldNames()) {
      if (ANNOTATIONS.contains(keyword)) {
        continue;
      }
      Check c = keyword(keyword, s.getValue(keyword), s);
      if (c == null) {
        return null;
      }
      checks.add(c);
    }
    Check[] all = checks.toArray(new Check[0]);
    return v -> {
      for (Check c : all) {
        if (!c.certainlyValid(v)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Check keyword(String keyword, Object arg, JsonObject schema) {
    return switch (keyword) {
      case "type" -> type(arg);
      case "enum" -> arg instanceof JsonArray values ? constants(values.getList()) : null;
      case "const" -> constants(List.of(arg == null ? NULL : arg));
      case "required" -> required(arg);
      case "properties" -> properties(arg);
      case "additionalProperties" -> additional(arg, schema.getValue("properties"));
      case "items" -> {
        Check item = node(arg);
        yield item == null || schema.containsKey("prefixItems") ? null : v -> !(v instanceof JsonArray a) || all(a, item);
      }
      case "minLength", "maxLength" -> length(arg, keyword.startsWith("min"));
      case "minItems", "maxItems" -> size(arg, keyword.startsWith("min"), v -> v instanceof JsonArray a ? a.size() : -1);
      case "minProperties", "maxProperties" -> size(arg, keyword.startsWith("min"), v -> v instanceof JsonObject o ? o.size() : -1);
      case "minimum", "maximum" -> bound(arg, keyword.equals("minimum"));
      case "pattern" -> arg instanceof String p ? pattern(Pattern.compile(p)) : null;
      case "uniqueItems" -> Boolean.FALSE.equals(arg) ? v -> true : Boolean.TRUE.equals(arg) ? QuickSchema::unique : null;
      default -> null;
    };
  }

  private static Check type(Object arg) {
    List<?> names = arg instanceof JsonArray a ? a.getList() : List.of(arg);
    Set<String> types = new HashSet<>();
    for (Object n : names) {
      if (!(n instanceof String name) || !Set.of("null", "boolean", "string", "number", "integer", "object", "array").contains(name)) {
        return null;
      }
      types.add(name);
    }
    return v -> {
      String t = typeOf(v);
      return types.contains(t) || "integer".equals(t) && types.contains("number");
    };
  }

  private static Check required(Object arg) {
    if (!(arg instanceof JsonArray list) || !list.stream().allMatch(String.class::isInstance)) {
      return null;
    }
    String[] names = list.stream().map(String.class::cast).toArray(String[]::new);
    return v -> {
      if (v instanceof JsonObject o) {
        for (String n : names) {
          if (!o.containsKey(n)) {
            return false;
          }
        }
      }
      return true;
    };
  }

  /** The JSON type of a value; a fractional or unusual number is "unknown" (not sure whether vertx calls it integer). */
  private static String typeOf(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
      return "integer";
    }
    if (v instanceof JsonObject) {
      return "object";
    }
    if (v instanceof JsonArray) {
      return "array";
    }
    return "unknown";
  }

  private static final Object NULL = new Object();

  /** {@code enum}/{@code const} over strings, booleans and null only: their equality is unambiguous. */
  private static Check constants(List<?> values) {
    Set<Object> allowed = new HashSet<>();
    for (Object c : values) {
      Object k = c == null ? NULL : c;
      if (!(k instanceof String || k instanceof Boolean || k == NULL)) {
        return null;
      }
      allowed.add(k);
    }
    return v -> allowed.contains(v == null ? NULL : v);
  }

  private static Check properties(Object arg) {
    if (!(arg instanceof JsonObject props)) {
      return null;
    }
    Map<String, Check> each = new HashMap<>();
    for (String name : props.fieldNames()) {
      Check c = node(props.getValue(name));
      if (c == null) {
        return null;
      }
      each.put(name, c);
    }
    return v -> {
      if (!(v instanceof JsonObject o)) {
        return true;
      }
      for (Map.Entry<String, Check> e : each.entrySet()) {
        if (o.containsKey(e.getKey()) && !e.getValue().certainlyValid(o.getValue(e.getKey()))) {
          return false;
        }
      }
      return true;
    };
  }

  private static Check additional(Object arg, Object properties) {
    Set<String> declared = properties instanceof JsonObject p ? p.fieldNames() : Set.of();
    Check extra = Boolean.FALSE.equals(arg) ? v -> false : node(arg);
    if (extra == null) {
      return null;
    }
    return v -> {
      if (!(v instanceof JsonObject o)) {
        return true;
      }
      for (Map.Entry<String, Object> e : o) {
        if (!declared.contains(e.getKey()) && !extra.certainlyValid(e.getValue())) {
          return false;
        }
      }
      return true;
    };
  }

  private static boolean all(JsonArray a, Check item) {
    for (int i = 0; i < a.size(); i++) {
      if (!item.certainlyValid(a.getValue(i))) {
        return false;
      }
    }
    return true;
  }

  /** A string's length, certain only when UTF-16 units and code points agree on the verdict. */
  private static Check length(Object arg, boolean min) {
    if (!(arg instanceof Integer limit)) {
      return null;
    }
    return v -> {
      if (!(v instanceof String s)) {
        return true;
      }
      int units = s.length();
      int points = s.codePointCount(0, units);
      return min ? units >= limit && points >= limit : units <= limit && points <= limit;
    };
  }

  private static Check size(Object arg, boolean min, java.util.function.ToIntFunction<Object> of) {
    if (!(arg instanceof Integer limit)) {
      return null;
    }
    return v -> {
      int n = of.applyAsInt(v);
      return n < 0 || (min ? n >= limit : n <= limit);
    };
  }

  /** Bounds on integral instances only; any other number is "not sure". */
  private static Check bound(Object arg, boolean min) {
    if (!(arg instanceof Number limitNumber)) {
      return null;
    }
    BigDecimal limit = new BigDecimal(limitNumber.toString());
    return v -> {
      if (!(v instanceof Number n)) {
        return true;
      }
      if (!"integer".equals(typeOf(v))) {
        return false;
      }
      int c = new BigDecimal(n.toString()).compareTo(limit);
      return min ? c >= 0 : c <= 0;
    };
  }

  private static Check pattern(Pattern p) {
    return v -> !(v instanceof String s) || p.matcher(s).find();
  }

  /** {@code uniqueItems}: certain for arrays of strings, booleans, nulls and integral numbers. */
  private static boolean unique(Object v) {
    if (!(v instanceof JsonArray a)) {
      return true;
    }
    Set<Object> seen = new HashSet<>();
    for (Object item : a) {
      Object key;
      if (item == null) {
        key = NULL;
      } else if (item instanceof String || item instanceof Boolean) {
        key = item;
      } else if ("integer".equals(typeOf(item))) {
        key = new BigInteger(item.toString());
      } else {
        return false;
      }
      if (!seen.add(key)) {
        return false;
      }
    }
    return true;
  }
}
