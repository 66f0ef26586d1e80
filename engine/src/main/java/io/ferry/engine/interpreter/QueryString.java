package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Query strings with the semantics of the {@code qs} library Truto uses: nested objects in bracket notation
 * ({@code a[b]=c}), arrays per {@code query_array_format} ({@code indices} {@code a[0]=x}, {@code brackets}
 * {@code a[]=x}, {@code repeat} {@code a=x&a=y}, {@code comma} {@code a=x,y}), keys and values percent-encoded
 * as RFC 3986 (space is {@code %20}), null values skipped.
 */
public final class QueryString {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QueryString() {
  }

  public static String encode(Map<String, Object> params, String arrayFormat) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> append(sb, k, v, arrayFormat == null ? "indices" : arrayFormat));
    return sb.toString();
  }

  public static String encode(JsonObject params, String arrayFormat) {
    return encode(params.getMap(), arrayFormat);
  }

  @SuppressWarnings("unchecked")
  private static void append(StringBuilder sb, String key, Object value, String format) {
    if (value == null) {
      return;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      pair(sb, key, scalar(value)); // the usual value, by class: on JDK 17 a failed interface test scans interfaces
      return;
    }
    if (value instanceof JsonObject o) {
      value = o.getMap();
    } else if (value instanceof JsonArray a) {
      value = a.getList();
    }
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((k, v) -> append(sb, key + "[" + k + "]", v, format));
    } else if (value instanceof Iterable<?> list) {
      if ("comma".equals(format)) {
        StringBuilder joined = new StringBuilder();
        for (Object item : list) {
          if (item != null) {
            joined.append(joined.length() == 0 ? "" : ",").append(scalar(item));
          }
        }
        pair(sb, key, joined.toString());
        return;
      }
      int i = 0;
      for (Object item : list) {
        String itemKey = switch (format) {
          case "brackets" -> key + "[]";
          case "repeat" -> key;
          default -> key + "[" + i + "]";
        };
        append(sb, itemKey, item, format);
        i++;
      }
    } else {
      pair(sb, key, scalar(value));
    }
  }

  private static void pair(StringBuilder sb, String key, String value) {
    if (sb.length() > 0) {
      sb.append('&');
    }
    percentEncode(sb, key);
    sb.append('=');
    percentEncode(sb, value);
  }

  static String scalar(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, as encodeURIComponent (and qs) do. */
  public static void percentEncode(StringBuilder sb, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
  }

  public static String percentEncode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    percentEncode(sb, s);
    return sb.toString();
  }

  /** Parses {@code a=1&b[c]=2&d[]=3} into nested JSON, as qs.parse does for the common forms. */
  public static JsonObject parse(String query) {
    JsonObject out = new JsonObject();
    if (query == null || query.isEmpty()) {
      return out;
    }
    String q = query.startsWith("?") ? query.substring(1) : query;
    for (String part : q.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      put(out, key, value);
    }
    return out;
  }

  private static void put(JsonObject target, String key, String value) {
    int open = key.indexOf('[');
    if (open <= 0 || !key.endsWith("]")) {
      Object existing = target.getValue(key);
      if (existing instanceof JsonArray a) {
        a.add(value);
      } else if (existing != null) {
        target.put(key, new JsonArray().add(existing).add(value));
      } else {
        target.put(key, value);
      }
      return;
    }
    String head = key.substring(0, open);
    int close = key.indexOf(']', open);
    String inner = key.substring(open + 1, close);
    String rest = key.substring(close + 1);
    if (inner.isEmpty() || inner.chars().allMatch(Character::isDigit)) {
      JsonArray arr = target.getValue(head) instanceof JsonArray a ? a : new JsonArray();
      target.put(head, arr);
      if (rest.isEmpty()) {
        arr.add(value);
      } else {
        JsonObject child = new JsonObject();
        arr.add(child);
        put(child, rest.substring(1).replaceFirst("]", ""), value);
      }
      return;
    }
    JsonObject child = target.getValue(head) instanceof JsonObject o ? o : new JsonObject();
    target.put(head, child);
    put(child, inner + rest, value);
  }
}
