package io.ferry.bench;

import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.jsonata.JsonValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The official jsonata-js test suite ({@code test/test-suite} of the jsonata-js repository, read from a downloaded
 * copy, never committed) run against the engines: com.dashjoin:jsonata as is, Ferry's facade (Truto's library bound,
 * which replaces {@code $string $keys $join $each $sift} on purpose) and jsonata4java 2.6.2 (the engine before #18).
 * Usage: {@code java -cp bench/target/benchmarks.jar io.ferry.bench.JsonataSuite <path to test-suite>}
 */
public final class JsonataSuite {
  private JsonataSuite() {
  }

  public static void main(String[] args) throws Exception {
    Path suite = Path.of(args[0]);
    List<JsonObject> cases = new ArrayList<>();
    try (var groups = Files.walk(suite.resolve("groups"))) {
      for (Path f : groups.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(f).strip();
        if (text.startsWith("[")) {
          new JsonArray(text).forEach(c -> cases.add((JsonObject) c));
        } else {
          cases.add(new JsonObject(text));
        }
      }
    }
    Map<String, Object> datasets = new LinkedHashMap<>();
    try (var files = Files.list(suite.resolve("datasets"))) {
      for (Path f : files.toList()) {
        datasets.put(f.getFileName().toString().replace(".json", ""), io.vertx.core.json.Json.decodeValue(Files.readString(f)));
      }
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    int dashjoin = 0;
    int ferry = 0;
    int j4j = 0;
    Jsonata facade = new Jsonata(10_000, 500);
    for (JsonObject c : cases) {
      String expr = c.getString("expr");
      if (expr == null) {
        continue;
      }
      Object input = c.containsKey("data") ? c.getValue("data") : c.getString("dataset") == null ? null : datasets.get(c.getString("dataset"));
      Map<String, Object> bindings = c.getJsonObject("bindings", new JsonObject()).getMap();
      long limit = c.getLong("timelimit", 10_000L);
      int depth = c.getInteger("depth", 500);
      dashjoin += passes(pool, c, () -> {
        com.dashjoin.jsonata.Jsonata e = com.dashjoin.jsonata.Jsonata.jsonata(expr);
        com.dashjoin.jsonata.Jsonata.Frame frame = e.createFrame();
        frame.setRuntimeBounds(limit, depth);
        bindings.forEach((k, v) -> frame.bind(k, JsonValues.toEngine(v)));
        return JsonValues.toVertx(e.evaluate(input == null ? null : JsonValues.toEngine(input), frame));
      }) ? 1 : 0;
      ferry += passes(pool, c, () -> facade.evaluate(expr, input, bindings, "/suite")) ? 1 : 0;
      j4j += passes(pool, c, () -> {
        com.api.jsonata4java.Expression e;
        try {
          e = com.api.jsonata4java.Expression.jsonata(expr);
        } catch (Throwable t) {
          throw new IllegalStateException(t);
        }
        var node = input == null ? null : io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(input instanceof JsonObject o ? o.getMap() : input instanceof JsonArray a ? a.getList() : input);
        List<com.api.jsonata4java.Binding> bs = new ArrayList<>();
        for (Map.Entry<String, Object> b : bindings.entrySet()) {
          bs.add(new com.api.jsonata4java.Binding(b.getKey(), io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(b.getValue())));
        }
        var r = e.evaluate(node, bs, limit, depth);
        return r == null || r.isMissingNode() ? null : io.vertx.core.json.Json.decodeValue(r.toString());
      }) ? 1 : 0;
    }
    pool.shutdownNow();
    int n = (int) cases.stream().filter(c -> c.getString("expr") != null).count();
    System.out.printf("jsonata-js test suite: %d cases%n", n);
    System.out.printf("  com.dashjoin:jsonata 0.9.10    %d passed (%.1f%%)%n", dashjoin, 100.0 * dashjoin / n);
    System.out.printf("  Ferry facade (Truto library)   %d passed (%.1f%%)%n", ferry, 100.0 * ferry / n);
    System.out.printf("  jsonata4java 2.6.2             %d passed (%.1f%%)%n", j4j, 100.0 * j4j / n);
    System.exit(0);
  }

  private static boolean passes(ExecutorService pool, JsonObject c, Callable<Object> run) {
    Future<Object> f = pool.submit(run);
    try {
      Object actual = f.get(15, TimeUnit.SECONDS);
      if (c.containsKey("code")) {
        return false;
      }
      if (c.getBoolean("undefinedResult", false)) {
        return actual == null;
      }
      return same(normal(c.getValue("result")), normal(actual));
    } catch (java.util.concurrent.TimeoutException e) {
      f.cancel(true);
      return false;
    } catch (Exception | StackOverflowError e) {
      return c.containsKey("code");
    }
  }

  private static boolean same(Object a, Object b) {
    return new JsonArray().add(a).encode().equals(new JsonArray().add(b).encode());
  }

  private static Object normal(Object v) {
    if (v instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), normal(e.getValue())));
      return out;
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(normal(x)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      return normal(new JsonObject(new LinkedHashMap<>((Map<String, Object>) m)));
    }
    if (v instanceof List<?> l) {
      return normal(new JsonArray(new ArrayList<>(l)));
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) Double.valueOf(String.format("%.12g", d));
    }
    return v;
  }
}
