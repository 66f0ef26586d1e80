package io.ferry.engine.interpreter;

import com.api.jsonata4java.Expression;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

import java.util.List;
import java.util.Map;

/**
 * The one facade over the JSONata engine (jsonata4java), so it can be swapped. Compiled expressions are cached per
 * thread: jsonata4java's {@code evaluate} is not thread-safe (issues #167, #322), and each event loop is one thread,
 * so a per-thread cache shares nothing and needs no lock. Every evaluation is time-boxed and depth-limited.
 */
public final class Jsonata {
  public static final long DEFAULT_TIMEOUT_MS = 250;
  public static final int DEFAULT_MAX_DEPTH = 200;
  private static final int CACHE_SIZE = 4096;
  private static final ObjectMapper MAPPER = DatabindCodec.mapper();

  static {
    TrutoFunctions.register();
  }

  private static final ThreadLocal<Cache<String, Expression>> COMPILED =
      ThreadLocal.withInitial(() -> Caffeine.newBuilder().maximumSize(CACHE_SIZE).build());

  private final long timeoutMs;
  private final int maxDepth;

  public Jsonata(long timeoutMs, int maxDepth) {
    this.timeoutMs = timeoutMs;
    this.maxDepth = maxDepth;
  }

  public static Jsonata defaults() {
    return new Jsonata(DEFAULT_TIMEOUT_MS, DEFAULT_MAX_DEPTH);
  }

  /** Null when {@code expression} parses; otherwise the parser's reason. */
  public static String syntaxError(String expression) {
    try {
      Expression.jsonata(expression);
      return null;
    } catch (Exception | StackOverflowError e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /**
   * Evaluates {@code expression} over {@code input} (Vert.x JSON values or plain maps/lists). Answers Vert.x JSON
   * values; both JSON null and "undefined" come back as Java null.
   */
  public Object evaluate(String expression, Object input, String where) {
    Expression compiled = compiled(expression, where);
    try {
      JsonNode result = compiled.evaluate(toNode(input), timeoutMs, maxDepth);
      return fromNode(result);
    } catch (Exception | StackOverflowError e) {
      throw new ConfigError("expression at " + where + " failed: " + message(e));
    }
  }

  private static final ThreadLocal<Cache<String, java.util.Optional<java.util.function.Function<UpstreamResponse, Object>>>> FAST =
      ThreadLocal.withInitial(() -> Caffeine.newBuilder().maximumSize(CACHE_SIZE).build());

  /**
   * Evaluates an expression over a response's scope: natively for the common shapes ({@link FastExpressions}),
   * otherwise with JSONata over the scope's Jackson tree (built once, only when needed).
   */
  public Object evaluate(String expression, ResponseScope scope, String where) {
    var fast = FAST.get().get(expression, e -> java.util.Optional.ofNullable(FastExpressions.compile(e)));
    if (fast.isPresent()) {
      return fast.get().apply(scope.response());
    }
    return evaluateNode(expression, scope.node(), where);
  }

  /** Evaluates over a prepared Jackson tree (a {@link ResponseScope} shared by several expressions). */
  public Object evaluateNode(String expression, JsonNode input, String where) {
    Expression compiled = compiled(expression, where);
    try {
      return fromNode(compiled.evaluate(input, timeoutMs, maxDepth));
    } catch (Exception | StackOverflowError e) {
      throw new ConfigError("expression at " + where + " failed: " + message(e));
    }
  }

  /** As {@link #evaluate(String, Object, String)}, with {@code $name} variables bound (e.g. {@code $previous}). */
  public Object evaluate(String expression, Object input, Map<String, Object> bindings, String where) {
    Expression compiled = compiled(expression, where);
    try {
      java.util.List<com.api.jsonata4java.Binding> list = new java.util.ArrayList<>();
      for (Map.Entry<String, Object> b : bindings.entrySet()) {
        list.add(new com.api.jsonata4java.Binding(b.getKey(), toNode(b.getValue())));
      }
      return fromNode(compiled.evaluate(toNode(input), list, timeoutMs, maxDepth));
    } catch (Exception | StackOverflowError e) {
      throw new ConfigError("expression at " + where + " failed: " + message(e));
    }
  }

  private static Expression compiled(String expression, String where) {
    Cache<String, Expression> cache = COMPILED.get();
    Expression e = cache.getIfPresent(expression);
    if (e == null) {
      try {
        e = Expression.jsonata(expression);
      } catch (Exception | StackOverflowError ex) {
        throw new ConfigError("expression at " + where + " does not parse: " + message(ex));
      }
      cache.put(expression, e);
    }
    return e;
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.length() > 300 ? m.substring(0, 300) : m;
  }

  static JsonNode toNode(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonObject o) {
      return MAPPER.valueToTree(o.getMap());
    }
    if (value instanceof JsonArray a) {
      return MAPPER.valueToTree(a.getList());
    }
    return MAPPER.valueToTree(value);
  }

  @SuppressWarnings("unchecked")
  static Object fromNode(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return new JsonObject(MAPPER.convertValue(node, Map.class));
    }
    if (node.isArray()) {
      return new JsonArray(MAPPER.convertValue(node, List.class));
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  /** JSONata truthiness: false, null, 0, "", [] and {} are false. */
  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty() && a.stream().anyMatch(Jsonata::truthy);
    }
    if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    return true;
  }
}
