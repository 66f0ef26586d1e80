package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's guarantees: runaway expressions stop within the 50 ms box; it is safe from many threads at once. */
class JsonataBoundsTest {
  final Jsonata jsonata = Jsonata.defaults();

  @Test
  @DisplayName("a runaway expression fails within the 50 ms time box (thread CPU time), naming the config pointer")
  void runawayStopsAtFiftyMillis() {
    for (String runaway : List.of("$count([1..100000].([1..1000].($ * 2)))", "($f := function($x) { $x < 0 ? $x : $f($x + 1) }; $f(1))",
        "$reduce([1..1000000], function($a, $v) { $a + $v }, 0)")) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      assertThatThrownBy(() -> jsonata.evaluate(runaway, new JsonObject(), "/resources/users/list/response_mapping"))
          .isInstanceOf(ConfigError.class).hasMessageContaining("/resources/users/list/response_mapping");
      // the box counts the thread's CPU time (this 2-core CI box runs at a load of ~20, so wall time is mostly waiting)
      long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
      long wallMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(cpuMillis).as(runaway + " held the thread for (ms of CPU)").isLessThan(100);
      assertThat(wallMillis).as(runaway + " returned after (ms)").isLessThan(1_100);
    }
  }

  @Test
  @DisplayName("eight threads evaluating the same expressions concurrently get the single-threaded answers")
  void safeFromManyThreads() throws Exception {
    JsonArray results = new JsonArray();
    for (int i = 0; i < 50; i++) {
      results.add(new JsonObject().put("id", String.valueOf(i)).put("properties", new JsonObject().put("email", "U" + i + "@X.io")));
    }
    JsonObject input = new JsonObject().put("results", results);
    List<String> expressions = List.of("results.{'id': id, 'email': $lowercase(properties.email)}", "$count(results[$number(id) % 2 = 0])",
        "$string(results[0])", "$join(results.id, '|')", "$keyBy(results, 'id').`7`.properties.email", "$now() ~> $type");
    List<Object> expected = new ArrayList<>();
    expressions.forEach(e -> expected.add(jsonata.evaluate(e, input, "t")));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Object>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit((Callable<List<Object>>) () -> {
          List<Object> mismatches = new ArrayList<>();
          for (int round = 0; round < 100; round++) {
            for (int i = 0; i < expressions.size(); i++) {
              Object actual = new Jsonata(5_000, Jsonata.DEFAULT_MAX_DEPTH).evaluate(expressions.get(i), input, "t");
              if (!String.valueOf(actual).equals(String.valueOf(expected.get(i)))) {
                mismatches.add(expressions.get(i) + " → " + actual);
              }
            }
          }
          return mismatches;
        }));
      }
      for (Future<List<Object>> f : futures) {
        assertThat(f.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
