package io.ferry.bench;

import io.vertx.core.Vertx;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The cost of cluster coordination on the proxy's hot path: the same proxy call against a node on PostgreSQL that is
 * part of a two-node cluster (LISTEN/NOTIFY, heartbeats, shared rate-limit state) and against a node alone on its
 * schema with {@code FERRY_CLUSTER=false}; short interleaved rounds at maximum throughput.
 * Usage: ClusterBench upstreamUrl clusteredBaseUrl aloneBaseUrl adminToken seconds
 */
public final class ClusterBench {
  private ClusterBench() {
  }

  public static void main(String[] args) {
    String upstream = args[0];
    String token = args[3];
    int seconds = Integer.parseInt(args[4]);
    int connections = 32;
    Vertx vertx = Vertx.vertx();
    String clustered = ProxyBench.setUpFerry(vertx, args[1], token, upstream);
    String alone = ProxyBench.setUpFerry(vertx, args[2], token, upstream);
    LoadDriver driver = new LoadDriver(vertx, connections);
    driver.max("warm-up", clustered, token, connections, 0, Math.max(5, seconds));
    driver.max("warm-up", alone, token, connections, 0, Math.max(5, seconds));
    // many short interleaved rounds: on a shared, noisy box the per-round ratio is steadier than any absolute figure
    int rounds = 5;
    List<LoadDriver.Result> offs = new ArrayList<>();
    List<LoadDriver.Result> ons = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      LoadDriver.Result a = driver.max("alone", alone, token, connections, 1, seconds);
      LoadDriver.Result c = driver.max("cluster", clustered, token, connections, 1, seconds);
      offs.add(a);
      ons.add(c);
      ratios.add(c.rps() / a.rps());
    }
    LoadDriver.Result off = offs.stream().max(Comparator.comparingDouble(LoadDriver.Result::rps)).orElseThrow();
    LoadDriver.Result on = ons.stream().max(Comparator.comparingDouble(LoadDriver.Result::rps)).orElseThrow();
    Collections.sort(ratios);
    System.out.println();
    System.out.println("Run " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + seconds
        + " s per measurement after 1 s warm-up, " + rounds + " interleaved rounds (best shown), 32 connections; latencies in ms.");
    System.out.println();
    System.out.println("| target  | mode           |     req/s |     p50 |     p99 |   p99.9 | errors |");
    System.out.println("|---------|----------------|-----------|---------|---------|---------|--------|");
    System.out.println(off.row());
    System.out.println(on.row());
    System.out.println();
    System.out.printf("cluster/alone max req/s: best %.3f; per-round ratios %s (median %.3f)%n", on.rps() / off.rps(),
        ratios.stream().map(r -> String.format("%.3f", r)).toList(), ratios.get(rounds / 2));
    vertx.close();
    System.exit(0);
  }
}
