package io.ferry.engine.interpreter.jsonata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code $stringifyQuery}: the qs package's {@code stringify} (indices/brackets/repeat/comma, RFC 3986 encoding). */
final class Queries {
  private Queries() {
  }

  static String stringify(Object value, Object options) {
    Map<?, ?> opts = options instanceof Map<?, ?> m ? m : Map.of();
    String format = opts.get("arrayFormat") instanceof String s ? s : Boolean.FALSE.equals(opts.get("indices")) ? "repeat" : "indices";
    boolean encode = !Boolean.FALSE.equals(opts.get("encode"));
    boolean valuesOnly = Boolean.TRUE.equals(opts.get("encodeValuesOnly"));
    boolean skipNulls = Boolean.TRUE.equals(opts.get("skipNulls"));
    List<String> parts = new ArrayList<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> add(parts, String.valueOf(k), v, format, encode, valuesOnly, skipNulls));
    }
    String joined = String.join(opts.get("delimiter") instanceof String d ? d : "&", parts);
    return (Boolean.TRUE.equals(opts.get("addQueryPrefix")) && !joined.isEmpty() ? "?" : "") + joined;
  }

  private static void add(List<String> parts, String key, Object v, String format, boolean encode, boolean valuesOnly, boolean skipNulls) {
    if (v == null || v instanceof NativeObject) {
      return;
    }
    if (v == Js.NULL) {
      if (!skipNulls) {
        parts.add(enc(key, encode && !valuesOnly) + "=");
      }
      return;
    }
    if (v instanceof List<?> l) {
      if (format.equals("comma")) {
        if (!l.isEmpty()) {
          List<String> vs = new ArrayList<>();
          l.forEach(x -> vs.add(Js.isNil(x) ? "" : Js.string(x)));
          parts.add(enc(key, encode && !valuesOnly) + "=" + enc(String.join(",", vs), encode));
        }
        return;
      }
      for (int i = 0; i < l.size(); i++) {
        String k = switch (format) {
          case "brackets" -> key + "[]";
          case "repeat" -> key;
          default -> key + "[" + i + "]";
        };
        add(parts, k, l.get(i), format, encode, valuesOnly, skipNulls);
      }
      return;
    }
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> add(parts, key + "[" + k + "]", x, format, encode, valuesOnly, skipNulls));
      return;
    }
    parts.add(enc(key, encode && !valuesOnly) + "=" + enc(Js.string(v), encode));
  }

  private static String enc(String s, boolean encode) {
    if (!encode) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
