package io.ferry.engine.interpreter;

import com.api.jsonata4java.expressions.ExpressionsVisitor;
import com.api.jsonata4java.expressions.EvaluateRuntimeException;
import com.api.jsonata4java.expressions.functions.FunctionBase;
import com.api.jsonata4java.expressions.generated.MappingExpressionParser.Function_callContext;
import com.api.jsonata4java.expressions.utils.Constants;
import com.api.jsonata4java.expressions.utils.FunctionUtils;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/** The Truto JSONata functions configs rely on (truto-platform.md §8), registered once into jsonata4java. */
final class TrutoFunctions {
  private static boolean registered;

  private TrutoFunctions() {
  }

  static synchronized void register() {
    if (registered) {
      return;
    }
    add("$base64encode", 1, 2, a -> encoder(a).encodeToString(str(a, 0).getBytes(StandardCharsets.UTF_8)));
    add("$base64decode", 1, 2, a -> new String(decoder(a).decode(str(a, 0)), StandardCharsets.UTF_8));
    add("$digest", 1, 3, a -> encode(digest(str(a, 0), a.size() > 1 ? str(a, 1) : "SHA-256"), a.size() > 2 ? str(a, 2) : "hex"));
    add("$sign", 3, 4, a -> encode(hmac(str(a, 0), a.get(1) == null ? "SHA-256" : str(a, 1), str(a, 2)), a.size() > 3 ? str(a, 3) : "hex"));
    add("$uuid", 0, 0, a -> UUID.randomUUID().toString());
    add("$jsonParse", 1, 1, a -> {
      try {
        return io.vertx.core.json.Json.decodeValue(str(a, 0));
      } catch (RuntimeException e) {
        return null;
      }
    });
    add("$firstNonEmpty", 0, 32, a -> a.stream().filter(v -> v != null).findFirst().orElse(null));
    add("$toNumber", 1, 1, a -> {
      Object v = a.get(0);
      if (v instanceof Number) {
        return v;
      }
      try {
        double d = Double.parseDouble(String.valueOf(v).trim());
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : d;
      } catch (NumberFormatException e) {
        return null;
      }
    });
    add("$removeEmptyItems", 1, 1, a -> {
      JsonArray out = new JsonArray();
      if (a.get(0) instanceof JsonArray in) {
        in.forEach(v -> {
          if (Jsonata.truthy(v) || v instanceof Number n && n.doubleValue() != 0) {
            out.add(v);
          }
        });
      }
      return out;
    });
    add("$parseQuery", 1, 2, a -> QueryString.parse(str(a, 0)));
    add("$stringifyQuery", 1, 2, a -> QueryString.encode(a.get(0) instanceof JsonObject o ? o : new JsonObject(),
        a.size() > 1 && a.get(1) instanceof JsonObject opts ? opts.getString("arrayFormat", "indices") : "indices"));
    add("$mapValues", 2, 4, a -> mapValues(a.get(0), a.get(1) instanceof JsonObject m ? m : new JsonObject(),
        a.size() > 2 && Boolean.TRUE.equals(a.get(2)), a.size() > 3 ? a.get(3) : null));
    add("$groupBy", 2, 2, a -> {
      JsonObject out = new JsonObject();
      items(a.get(0)).forEach(item -> {
        String key = String.valueOf(item instanceof JsonObject o ? o.getValue(str(a, 1)) : item);
        JsonArray group = out.getJsonArray(key) == null ? new JsonArray() : out.getJsonArray(key);
        out.put(key, group.add(item));
      });
      return out;
    });
    add("$keyBy", 2, 2, a -> {
      JsonObject out = new JsonObject();
      items(a.get(0)).forEach(item -> out.put(String.valueOf(item instanceof JsonObject o ? o.getValue(str(a, 1)) : item), item));
      return out;
    });
    add("$pick", 2, 2, a -> {
      JsonObject in = a.get(0) instanceof JsonObject o ? o : new JsonObject();
      JsonObject out = new JsonObject();
      keys(a.get(1)).forEach(k -> {
        if (in.containsKey(k)) {
          out.put(k, in.getValue(k));
        }
      });
      return out;
    });
    add("$omit", 2, 2, a -> {
      JsonObject out = a.get(0) instanceof JsonObject o ? o.copy() : new JsonObject();
      keys(a.get(1)).forEach(out::remove);
      return out;
    });
    registered = true;
  }

  private static void add(String name, int min, int max, Function<List<Object>, Object> body) {
    Constants.FUNCTIONS.put(name, new FunctionBase() {
      @Override
      public int getMaxArgs() {
        return max;
      }

      @Override
      public int getMinArgs() {
        return min;
      }

      @Override
      public String getSignature() {
        return "<x*:x>";
      }

      @Override
      public JsonNode invoke(ExpressionsVisitor visitor, Function_callContext ctx) {
        int n = getArgumentCount(ctx);
        if (n < min || n > max) {
          throw new EvaluateRuntimeException("function " + name + " takes " + min + " to " + max + " arguments, got " + n);
        }
        List<Object> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          args.add(Jsonata.fromNode(FunctionUtils.getValuesListExpression(visitor, ctx, i)));
        }
        try {
          return Jsonata.toNode(body.apply(args));
        } catch (EvaluateRuntimeException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new EvaluateRuntimeException(name + ": " + e.getMessage());
        }
      }
    });
  }

  private static String str(List<Object> a, int i) {
    Object v = i < a.size() ? a.get(i) : null;
    if (v == null) {
      throw new IllegalArgumentException("argument " + (i + 1) + " is required");
    }
    return v instanceof String s ? s : io.vertx.core.json.Json.encode(v);
  }

  private static Base64.Encoder encoder(List<Object> a) {
    return a.size() > 1 && Boolean.TRUE.equals(a.get(1)) ? Base64.getUrlEncoder().withoutPadding() : Base64.getEncoder();
  }

  private static Base64.Decoder decoder(List<Object> a) {
    return a.size() > 1 && Boolean.TRUE.equals(a.get(1)) ? Base64.getUrlDecoder() : Base64.getDecoder();
  }

  private static String javaAlgorithm(String alg) {
    String a = alg.toUpperCase(Locale.ROOT).replace("-", "");
    return switch (a) {
      case "SHA1" -> "SHA-1";
      case "SHA256" -> "SHA-256";
      case "SHA384" -> "SHA-384";
      case "SHA512" -> "SHA-512";
      case "MD5" -> "MD5";
      default -> throw new IllegalArgumentException("unsupported algorithm " + alg);
    };
  }

  private static byte[] digest(String text, String alg) {
    try {
      return MessageDigest.getInstance(javaAlgorithm(alg)).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  static byte[] hmac(String text, String alg, String secret) {
    try {
      String mac = "Hmac" + javaAlgorithm(alg).replace("-", "");
      Mac m = Mac.getInstance(mac);
      m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), mac));
      return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static String encode(byte[] bytes, String out) {
    return switch (out) {
      case "base64" -> Base64.getEncoder().encodeToString(bytes);
      case "base64-urlSafe", "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      default -> HexFormat.of().formatHex(bytes);
    };
  }

  private static Object mapValues(Object value, JsonObject mapping, boolean lowerCase, Object fallback) {
    if (value instanceof JsonArray arr) {
      JsonArray out = new JsonArray();
      arr.forEach(v -> out.add(mapValues(v, mapping, lowerCase, fallback)));
      return out;
    }
    if (value == null || value instanceof JsonObject) {
      return value;
    }
    String key = String.valueOf(value);
    for (String k : mapping.fieldNames()) {
      if (k.equalsIgnoreCase(key)) {
        return mapping.getValue(k);
      }
    }
    return fallback != null ? fallback : (lowerCase && value instanceof String s ? s.toLowerCase(Locale.ROOT) : value);
  }

  private static List<Object> items(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof JsonArray a) {
      a.forEach(out::add);
    } else if (v != null) {
      out.add(v);
    }
    return out;
  }

  private static List<String> keys(Object v) {
    List<String> out = new ArrayList<>();
    items(v).forEach(k -> out.add(String.valueOf(k)));
    return out;
  }
}
