package io.ferry.engine.interpreter;

import io.ferry.engine.cache.Caches;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.interpreter.jsonata.Bounds;
import io.ferry.engine.interpreter.jsonata.JsonValues;
import io.ferry.engine.interpreter.jsonata.NativeJsonata;
import io.ferry.engine.interpreter.jsonata.TrutoLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one facade over the JSONata engine: {@code com.dashjoin:jsonata}, a line-by-line Java port of jsonata-js (the
 * engine under Truto's {@code @truto/truto-jsonata}), with Truto's function library ({@link TrutoLibrary}) bound into
 * every compiled expression. Compiled expressions are cached per thread: the port keeps per-evaluation state on the
 * compiled object, and each event loop is one thread, so a per-thread cache shares nothing and needs no lock — the
 * facade is safe to call from any event loop. Every evaluation is time-boxed ({@link Bounds}: 50 ms of the thread's
 * time by default, so no expression holds an event loop longer) and depth-limited; a runaway one fails with the
 * config pointer of the expression.
 */
public final class Jsonata {
  public static final long DEFAULT_TIMEOUT_MS = 50;
  public static final int DEFAULT_MAX_DEPTH = 300;
  private static final int CACHE_SIZE = 4096;

  private static final ThreadLocal<Cache<String, com.dashjoin.jsonata.Jsonata>> COMPILED =
      ThreadLocal.withInitial(() -> Caches.builder().maximumSize(CACHE_SIZE).build());
  private static final ThreadLocal<Cache<String, Optional<Function<UpstreamResponse, Object>>>> FAST =
      ThreadLocal.withInitial(() -> Caches.builder().maximumSize(CACHE_SIZE).build());

  /** Native forms are immutable: one cache for every thread. */
  private static final Cache<String, Optional<NativeJsonata>> NATIVE = Caches.builder().maximumSize(CACHE_SIZE).build();

  private static final Object DECLINED = new Object();
  private final long timeoutMs;
  private final int maxDepth;

  static {
    // Load the engine's and the library's classes once, outside any time box: a cold first call would otherwise
    // spend the 50 ms budget on class loading and fail a healthy expression.
    Jsonata warm = new Jsonata(60_000, DEFAULT_MAX_DEPTH);
    warm.evaluate("($f := function($x) { $x * 2 }; {'a': $string({'n': [1, 'x']}) & $join(['a', 'b'], ','), 'b': $map(items[v > 1].v, $f), "
        + "'c': $dtFromIso('2024-01-15T10:30:00Z').plus({'days': 1}).toFormat('yyyy-MM-dd'), 'd': $keys($), 'e': items^(>v).v, "
        + "'f': $toMillis('2024-01-01T00:00:00.000+0000'), 'g': $groupBy(items, 'v'), 'h': $parseUrl('https://x.io/a?b=1').host, 'i': $uuid() & $digest('a') & $sign('a', 'SHA-256', 'k') & $base64encode('a') & $stringifyQuery($parseQuery('a=1')), 'j': $mapValues('a', {'a': 'b'}), 'k': $convertMarkdownToHtml('**a**')})",
        new JsonObject().put("items", new JsonArray().add(new JsonObject().put("v", 1)).add(new JsonObject().put("v", 2))), "warm-up");
  }

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
      com.dashjoin.jsonata.Jsonata.jsonata(expression);
      return null;
    } catch (Exception | StackOverflowError e) {
      return message(e);
    }
  }

  /**
   * Evaluates {@code expression} over {@code input} (Vert.x JSON values or plain maps/lists). Answers Vert.x JSON
   * values; both JSON null and "undefined" come back as Java null.
   */
  public Object evaluate(String expression, Object input, String where) {
    return run(expression, JsonValues.toEngine(input), null, where);
  }

  /**
   * Evaluates an expression over a response's scope: natively for the common shapes ({@link FastExpressions}), then
   * natively over the body as decoded when the expression is in {@link NativeJsonata}'s subset, otherwise with the
   * engine over the scope's plain tree (built once, only when needed).
   */
  public Object evaluate(String expression, ResponseScope scope, String where) {
    var fast = FAST.get().get(expression, e -> Optional.ofNullable(FastExpressions.compile(e)));
    if (fast.isPresent()) {
      return fast.get().apply(scope.response());
    }
    Object answer = tryNative(expression, scope.decoded()); // no copy of the body into the engine's values
    return answer != DECLINED ? answer : run(expression, scope.plain(), null, where);
  }

  /**
   * Evaluates over a scope already in the engine's values ({@link JsonValues#plain}), natively when the expression is in
   * {@link NativeJsonata}'s subset (the engine runs it when the native path is unsure), else with the engine.
   */
  public Object evaluatePlain(String expression, java.util.Map<String, Object> scope, String where) {
    Object answer = tryNative(expression, scope);
    return answer != DECLINED ? answer : run(expression, scope, null, where);
  }

  /** The native answer, or {@link #DECLINED} when the expression is outside the subset or the native path is unsure. */
  private static Object tryNative(String expression, Map<String, Object> scope) {
    NativeJsonata compiled = NATIVE.get(expression, e -> Optional.ofNullable(NativeJsonata.compile(e))).orElse(null);
    if (compiled == null) {
      return DECLINED;
    }
    try {
      return compiled.evaluateToVertx(scope);
    } catch (RuntimeException unsure) {
      return DECLINED; // NativeJsonata.Unsure, or a value shape it does not expect: the engine decides, errors included
    }
  }

  /** Evaluates over a Jackson tree. */
  public Object evaluateNode(String expression, com.fasterxml.jackson.databind.JsonNode input, String where) {
    return run(expression, JsonValues.toEngine(DatabindCodec.mapper().convertValue(input, Object.class)), null, where);
  }

  /** As {@link #evaluate(String, Object, String)}, with {@code $name} variables bound (e.g. {@code $previous}). */
  public Object evaluate(String expression, Object input, Map<String, Object> bindings, String where) {
    return run(expression, JsonValues.toEngine(input), bindings, where);
  }

  private Object run(String expression, Object input, Map<String, Object> bindings, String where) {
    com.dashjoin.jsonata.Jsonata compiled = compiled(expression, where);
    try {
      Frame frame = compiled.createFrame();
      Bounds.install(frame, timeoutMs, maxDepth);
      if (bindings != null) {
        bindings.forEach((k, v) -> frame.bind(k, JsonValues.toEngine(v)));
      }
      return JsonValues.toVertx(compiled.evaluate(input, frame));
    } catch (JException e) {
      throw new ConfigError("expression at " + where + " failed: " + message(e));
    } catch (Exception | StackOverflowError e) {
      throw new ConfigError("expression at " + where + " failed: " + message(e));
    }
  }

  private static com.dashjoin.jsonata.Jsonata compiled(String expression, String where) {
    Cache<String, com.dashjoin.jsonata.Jsonata> cache = COMPILED.get();
    com.dashjoin.jsonata.Jsonata e = cache.getIfPresent(expression);
    if (e == null) {
      try {
        e = com.dashjoin.jsonata.Jsonata.jsonata(expression);
      } catch (Exception | StackOverflowError ex) {
        throw new ConfigError("expression at " + where + " does not parse: " + message(ex));
      }
      TrutoLibrary.bindInto(e);
      cache.put(expression, e);
    }
    return e;
  }

  private static String message(Throwable e) {
    String m = e instanceof StackOverflowError ? "stack overflow (expression too deep)"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.length() > 300 ? m.substring(0, 300) : m;
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
