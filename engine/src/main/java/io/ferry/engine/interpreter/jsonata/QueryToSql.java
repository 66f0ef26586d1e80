package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truto's {@code $convertQueryToSql(query, keysToMap?, mapping?, dataTypes?, customOperators?, options?)}: a unified
 * query ({@code {"status": "open", "amount": {"gte": 10}, "id": [1, 2]}}) to a SQL-ish WHERE clause, with Truto's
 * quoting per data type ({@code string}, {@code date|format}, {@code dotnetdate}, a value mapping) and its quirks:
 * an {@code or} part is read with the outer keys, absent values are skipped, values print as JS {@code String(x)}.
 */
final class QueryToSql {
  private static final Map<String, String> OPERATORS = Map.of("eq", "=", "ne", "<>", "gt", ">", "gte", ">=", "lt", "<", "lte", "<=",
      "in", "in", "nin", "not in", "like", "like");

  private QueryToSql() {
  }

  record Options(boolean useOrForIn, String conjunction, boolean useDoubleQuotes, boolean noSpace, boolean noQuotes,
      boolean noQuotesForDate, boolean groupInBrackets, boolean escapeSingleQuotes) {
    static Options of(Object o) {
      Map<?, ?> m = o instanceof Map<?, ?> x ? x : Map.of();
      return new Options(Js.truthy(m.get("useOrForIn")), Js.truthy(m.get("conjunction")) ? Js.string(m.get("conjunction")) : "AND",
          Js.truthy(m.get("useDoubleQuotes")), Js.truthy(m.get("noSpaceBetweenOperator")), Js.truthy(m.get("noQuotes")),
          Js.truthy(m.get("noQuotesForDate")), Js.truthy(m.get("groupComparisonInBrackets")), Js.truthy(m.get("escapeSingleQuotes")));
    }
  }

  static String convert(Object query, Object keysToMap, Object mapping, Object dataTypes, Object customOperators, Options options) {
    List<String> keys = keysToMap instanceof List<?> l && !l.isEmpty() ? l.stream().map(Js::string).toList() : keysOf(query);
    List<String> statement = new ArrayList<>();
    for (String key : keys) {
      if (key.equals("or")) {
        statement.add("(" + convert(prop(query, key), keys, mapping, dataTypes, customOperators, options) + ")");
        continue;
      }
      Object comparison = prop(query, key);
      List<String> operators = comparison instanceof List<?> ? List.of("in") : isObject(comparison) ? keysOf(comparison) : List.of("eq");
      String sqlKey = Js.truthy(prop(mapping, key)) ? Js.string(prop(mapping, key)) : key;
      for (String op : operators) {
        Object custom = prop(customOperators, op);
        String comparator = Js.truthy(custom) ? Js.string(custom) : OPERATORS.get(op);
        boolean in = op.equals("in") || op.equals("nin");
        if (!in && comparator != null) {
          Object value = isObject(comparison) ? prop(comparison, op) : comparison;
          Object sql = toDataType(value, key, dataTypes, options);
          if (!Js.isNil(sql)) {
            statement.add(sqlString(sqlKey, comparator, sql, options));
          }
          continue;
        }
        if (in) {
          Object values = comparison instanceof List<?> ? comparison : prop(comparison, op);
          if (!(values instanceof List<?> list)) {
            throw new IllegalArgumentException("value.map is not a function");
          }
          if (options.useOrForIn()) {
            Object customEq = prop(customOperators, "eq");
            String eq = Js.truthy(customEq) ? Js.string(customEq) : "=";
            List<String> or = new ArrayList<>();
            for (Object v : list) {
              Object sql = toDataType(v, key, dataTypes, options);
              if (!Js.isNil(sql)) {
                or.add(sqlString(sqlKey, eq, sql, options));
              }
            }
            statement.add("(" + String.join(" OR ", or) + ")");
            continue;
          }
          List<String> parts = new ArrayList<>();
          for (Object v : list) {
            Object sql = toDataType(v, key, dataTypes, options);
            parts.add(Js.isNil(sql) ? "" : Js.string(sql));
          }
          statement.add(sqlString(sqlKey, comparator, "(" + String.join(",", parts) + ")", options));
          continue;
        }
        throw new IllegalArgumentException("Unknown operator: " + op);
      }
    }
    if (options.groupInBrackets() && !statement.isEmpty()) {
      String acc = statement.get(0);
      for (String s : statement.subList(1, statement.size())) {
        acc = "(" + acc + " " + options.conjunction() + " " + s + ")";
      }
      return acc;
    }
    return String.join(" " + options.conjunction() + " ", statement);
  }

  private static Object toDataType(Object value, String key, Object dataTypes, Options o) {
    Object type = prop(dataTypes, key);
    if (Js.isNil(value)) {
      return value;
    }
    if ("string".equals(type)) {
      if (o.noQuotes()) {
        return value;
      }
      if (o.useDoubleQuotes()) {
        return "\"" + Js.string(value) + "\"";
      }
      if (o.escapeSingleQuotes()) {
        if (!(value instanceof String s)) {
          throw new IllegalArgumentException("value.replace is not a function");
        }
        return "'" + s.replace("'", "\\'") + "'";
      }
      return "'" + Js.string(value) + "'";
    }
    if ("dotnetdate".equals(type)) {
      return "DateTime(" + format(value, "yyyy,MM,dd") + ")";
    }
    if (type instanceof Map<?, ?> || type instanceof List<?>) {
      Object mapped = TrutoLibrary.mapValues(value, type, false, Js.NULL);
      if (mapped instanceof String s) {
        return o.noQuotes() ? s : o.useDoubleQuotes() ? "\"" + s + "\"" : "'" + s + "'";
      }
      return mapped;
    }
    if (type instanceof String t && t.startsWith("date")) {
      String[] parts = t.split("\\|", -1);
      LuxonDateTime dt = DateTimes.fromIso(iso(value), null, false);
      Object date = parts.length > 1 ? format(value, parts[1]) : dt.valid() ? dt.iso() : Js.NULL;
      return o.noQuotes() || o.noQuotesForDate() ? date : o.useDoubleQuotes() ? "\"" + Js.string(date) + "\"" : "'" + Js.string(date) + "'";
    }
    return value;
  }

  private static String format(Object value, String format) {
    LuxonDateTime dt = DateTimes.fromIso(iso(value), null, false);
    return dt.valid() ? dt.formatWith(format) : "Invalid DateTime";
  }

  private static String iso(Object value) {
    return value instanceof String s ? s : Js.string(value);
  }

  private static String sqlString(String key, String operator, Object value, Options o) {
    String space = o.noSpace() ? "" : " ";
    return key + space + operator + space + Js.string(value);
  }

  private static boolean isObject(Object v) {
    return v instanceof Map<?, ?> || v == Js.NULL;
  }

  /** {@code obj[key]} with JS's TypeError on null and undefined. */
  private static Object prop(Object obj, String key) {
    if (Js.isNil(obj)) {
      throw new IllegalArgumentException("Cannot read properties of " + Js.string(obj) + " (reading '" + key + "')");
    }
    if (obj instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (obj instanceof List<?> l && key.matches("\\d+")) {
      int i = Integer.parseInt(key);
      return i < l.size() ? l.get(i) : null;
    }
    return null;
  }

  private static List<String> keysOf(Object v) {
    if (Js.isNil(v)) {
      throw new IllegalArgumentException("Cannot convert undefined or null to object");
    }
    List<String> keys = new ArrayList<>();
    if (v instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> keys.add(String.valueOf(k)));
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        keys.add(String.valueOf(i));
      }
    }
    return keys;
  }
}
