package io.ferry.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store at scale, with Ferry started by the README's command ({@code java -jar api/target/ferry.jar}) in a child
 * process: imports {@code count} accounts one request each ({@code inFlight} at a time, the steady-write case), then
 * bulk-imports as many again, sampling the data file and the process tree's RSS every second; then times every list
 * filter; then compacts copies of the file as the single imports left it and as it ended, two ways: H2's SHUTDOWN COMPACT
 * (which writes the copy LZF-compressed, while the running store is not) and MVStoreTool without compression (the
 * running store's own format: its live data). Usage: AccountScaleBench h2|postgres [count] [inFlight] [pg-url]
 */
public final class AccountScaleBench {
  static final String TOKEN = "fry_scale_bench_token_0123456789";

  private AccountScaleBench() {
  }

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "h2";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    String pg = args.length > 3 ? args[3] : "postgresql://postgres@127.0.0.1:5432/test";
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory("ferry-scale");
    int port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", "api/target/ferry.jar").redirectErrorStream(true)
        .redirectOutput(data.resolve("ferry.log").toFile());
    pb.environment().put("FERRY_DATA_DIR", data.toString());
    pb.environment().put("FERRY_HTTP_PORT", Integer.toString(port));
    pb.environment().put("FERRY_API_TOKEN", TOKEN);
    pb.environment().put("FERRY_INTEGRATIONS_DIR", "integrations");
    if ("postgres".equals(store)) {
      pb.environment().put("FERRY_DATABASE_URL", ImportBench.freshSchema(vertx, pg));
    } else if (System.getenv("BENCH_H2_SETTINGS") != null) { // e.g. ";COMPRESS=TRUE": a setting to measure
      pb.environment().put("FERRY_DATABASE_URL", "jdbc:h2:file:" + data.resolve("ferry") + System.getenv("BENCH_H2_SETTINGS"));
    }
    long started = System.nanoTime();
    Process ferry = pb.start();
    WebClient web = WebClient.create(vertx);
    awaitReady(vertx, web, port);
    System.out.printf("store %s: /ready after %.2f s%n", store, (System.nanoTime() - started) / 1e9);
    Path file = data.resolve("ferry.mv.db");
    long[] maxFile = {0};
    long[] maxFileSingle = {0}; // the peak while single imports ran (the rest came with the bulk load)
    long[] maxRss = {0};
    Path[] afterSingles = {null};
    // every 15 s a copy of the file and the file's peak so far: compacted after the run, each gives the ratio then
    List<Path> checkpoints = new ArrayList<>();
    List<Long> peaks = new ArrayList<>();
    long checkpointTimer = "h2".equals(store) ? vertx.setPeriodic(15_000, id -> {
      long peak = maxFile[0];
      vertx.executeBlocking(() -> {
        Path copy = Files.createTempDirectory("ferry-checkpoint").resolve("ferry.mv.db");
        Files.copy(file, copy);
        return copy;
      }, true).onSuccess(copy -> {
        checkpoints.add(copy);
        peaks.add(Math.max(peak, maxFile[0]));
      });
    }) : -1;
    long sampler = vertx.setPeriodic(1000, id -> {
      maxRss[0] = Math.max(maxRss[0], rss(ferry.toHandle()));
      if (Files.exists(file)) {
        try {
          maxFile[0] = Math.max(maxFile[0], Files.size(file));
        } catch (java.io.IOException ignored) {
          // next sample
        }
      }
    });
    try {
      String install = ImportBench.install(web, port, TOKEN);
      double cpu0 = cpuSeconds(ferry.toHandle());
      double pg0 = postgresCpuSeconds();
      long t0 = System.nanoTime();
      AtomicInteger done = new AtomicInteger();
      Promise<Void> finished = Promise.promise();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger running = new AtomicInteger(inFlight);
      for (int i = 0; i < inFlight; i++) {
        vertx.runOnContext(v -> importNext(web, port, install, count, next, done, running, finished));
      }
      finished.future().await();
      maxFileSingle[0] = maxFile[0];
      vertx.cancelTimer(checkpointTimer); // the bulk load's own peak is in the figures at the end
      if ("h2".equals(store)) { // the store as the single imports left it, compacted after the run ("at all times")
        afterSingles[0] = Files.createTempDirectory("ferry-singles").resolve("ferry.mv.db");
        Files.copy(file, afterSingles[0]);
      }
      double singleRate = done.get() / ((System.nanoTime() - t0) / 1e9);
      double singleCpu = (cpuSeconds(ferry.toHandle()) - cpu0) * 1000 / done.get();
      double singlePg = (postgresCpuSeconds() - pg0) * 1000 / done.get();
      System.out.printf("single imports: %d in %.1f s = %.0f accounts/s (%d in flight), Ferry CPU %.3f ms/account%s%n",
          done.get(), (System.nanoTime() - t0) / 1e9, singleRate, inFlight, singleCpu, pgCpu(store, singlePg));

      StringBuilder ndjson = new StringBuilder();
      for (int i = 0; i < count; i++) {
        ndjson.append(body(install, count + i).encode()).append('\n');
      }
      double cpu1 = cpuSeconds(ferry.toHandle());
      double pg1 = postgresCpuSeconds();
      long t1 = System.nanoTime();
      var bulk = web.post(port, "localhost", "/integrated-account/bulk").putHeader("Authorization", "Bearer " + TOKEN)
          .putHeader("content-type", "application/x-ndjson").timeout(3_600_000).sendBuffer(Buffer.buffer(ndjson.toString())).await();
      String[] lines = bulk.bodyAsString().split("\n");
      JsonObject summary = new JsonObject(lines[lines.length - 1]).getJsonObject("summary");
      double bulkRate = summary.getInteger("created") / ((System.nanoTime() - t1) / 1e9);
      double bulkCpu = (cpuSeconds(ferry.toHandle()) - cpu1) * 1000 / summary.getInteger("created");
      double bulkPg = (postgresCpuSeconds() - pg1) * 1000 / summary.getInteger("created");
      System.out.printf("bulk import: %s = %.0f accounts/s (%.1f× single), Ferry CPU %.3f ms/account (%.1f× less)%s%n",
          summary.encode(), bulkRate, bulkRate / singleRate, bulkCpu, singleCpu / bulkCpu, pgCpu(store, bulkPg));

      for (String filter : List.of("tenant_id=tenant-" + (count / 2), "status=active", "integration.name=example",
          "is_sandbox=false&limit=10", "created_at%5Bgt%5D=2030-01-01T00:00:00Z")) {
        List<Double> ms = new ArrayList<>();
        double listCpu0 = cpuSeconds(ferry.toHandle());
        for (int i = 0; i < 21; i++) {
          long s = System.nanoTime();
          var answer = web.get(port, "localhost", "/integrated-account?" + filter).putHeader("Authorization", "Bearer " + TOKEN)
              .send().await();
          ms.add((System.nanoTime() - s) / 1e6);
          if (answer.statusCode() != 200) {
            throw new IllegalStateException(filter + " answered " + answer.statusCode());
          }
          // a filter that should match yet answers an empty page would time nothing
          boolean empty = answer.bodyAsJsonObject().getJsonArray("result").isEmpty();
          if (empty != filter.startsWith("created_at")) {
            throw new IllegalStateException(filter + " answered " + (empty ? "no" : "some") + " accounts");
          }
        }
        ms.sort(Double::compare);
        System.out.printf("list %-45s median %6.2f ms  max %6.2f ms  Ferry CPU %6.2f ms/call%n", filter, ms.get(ms.size() / 2),
            ms.get(ms.size() - 1), (cpuSeconds(ferry.toHandle()) - listCpu0) * 1000 / ms.size());
      }
      maxRss[0] = Math.max(maxRss[0], rss(ferry.toHandle()));
    } finally {
      vertx.cancelTimer(sampler);
      ferry.destroy();
      ferry.waitFor();
    }
    System.out.printf("RSS of the README command's process tree: max %.0f MB%n", maxRss[0] / 1e6);
    if ("h2".equals(store)) {
      long last = Files.size(file);
      long[] end = compacted(file);
      long[] singles = compacted(afterSingles[0]);
      System.out.printf("data file: max %.1f MB (%.1f MB while single imports ran), at the end %.1f MB%n", maxFile[0] / 1e6,
          maxFileSingle[0] / 1e6, last / 1e6);
      System.out.printf("  compacted, H2's SHUTDOWN COMPACT (LZF-compressed): %.1f MB after the singles, %.1f MB at the end:"
          + " max/compacted %.2f× while singles ran, %.2f× overall%n", singles[0] / 1e6, end[0] / 1e6,
          maxFileSingle[0] / (double) singles[0], maxFile[0] / (double) end[0]);
      System.out.printf("  compacted in the running store's format (uncompressed): %.1f MB after the singles, %.1f MB at"
          + " the end: max/compacted %.2f× while singles ran, %.2f× overall%n", singles[1] / 1e6, end[1] / 1e6,
          maxFileSingle[0] / (double) singles[1], maxFile[0] / (double) end[1]);
      for (int i = 0; i < checkpoints.size(); i++) {
        long[] at;
        try {
          at = compacted(checkpoints.get(i));
        } catch (Exception copiedMidWrite) {
          System.out.printf("  checkpoint %d: the copy does not open (%s)%n", i + 1, copiedMidWrite);
          continue;
        }
        System.out.printf("  checkpoint %d (every 15 s of single imports): file peak so far %.1f MB, %.2f× its live data"
            + " (%.1f MB), %.2f× its LZF compaction (%.1f MB)%n", i + 1, peaks.get(i) / 1e6, peaks.get(i) / (double) at[1],
            at[1] / 1e6, peaks.get(i) / (double) at[0], at[0] / 1e6);
      }
    }
    vertx.close();
    System.exit(0);
  }

  /**
   * {compressed, uncompressed}: copies of an H2 file compacted by {@code SHUTDOWN COMPACT} (which writes the copy
   * LZF-compressed) and by {@code MVStoreTool.compact} without compression, the format the running store writes.
   */
  static long[] compacted(Path file) throws Exception {
    Path dir = Files.createTempDirectory("ferry-compact");
    Files.copy(file, dir.resolve("lzf.mv.db"));
    Files.copy(file, dir.resolve("plain.mv.db"));
    String url = "jdbc:h2:file:" + dir.resolve("lzf") + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (var c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("SHUTDOWN COMPACT");
    }
    org.h2.mvstore.MVStoreTool.compact(dir.resolve("plain.mv.db").toString(), false);
    return new long[] {Files.size(dir.resolve("lzf.mv.db")), Files.size(dir.resolve("plain.mv.db"))};
  }

  private static void importNext(WebClient web, int port, String install, int count, AtomicInteger next, AtomicInteger done,
                                 AtomicInteger running, Promise<Void> finished) {
    int i = next.getAndIncrement();
    if (i >= count) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    web.post(port, "localhost", "/integrated-account").putHeader("Authorization", "Bearer " + TOKEN)
        .sendJsonObject(body(install, i)).onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() == 201) {
            done.incrementAndGet();
          }
          importNext(web, port, install, count, next, done, running, finished);
        });
  }

  static JsonObject body(String install, int i) {
    return new JsonObject().put("tenant_id", "tenant-" + i).put("environment_integration_id", install)
        .put("authentication_method", "oauth2").put("context", new JsonObject().put("oauth", new JsonObject()
            .put("token", new JsonObject().put("access_token", "a-" + i).put("refresh_token", "r-" + i).put("expires_in", 3600))));
  }

  private static void awaitReady(Vertx vertx, WebClient web, int port) {
    for (int i = 0; i < 1200; i++) {
      try {
        if (web.get(port, "localhost", "/ready").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // starting
      }
      vertx.timer(50).await();
    }
    throw new IllegalStateException("Ferry did not become ready");
  }

  /**
   * CPU seconds (user + system) a process and its descendants used so far: on a box shared with other work, CPU per
   * account moves far less than accounts per second.
   */
  static double cpuSeconds(ProcessHandle root) {
    double total = 0;
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    for (ProcessHandle p : all) {
      try {
        total += cpuSecondsOf(Files.readString(Path.of("/proc/" + p.pid() + "/stat")));
      } catch (Exception gone) {
        // exited
      }
    }
    return total;
  }

  /** User + system CPU seconds of one {@code /proc/<pid>/stat} line (clock ticks, USER_HZ 100). */
  private static double cpuSecondsOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private static String pgCpu(String store, double msPerAccount) {
    return "postgres".equals(store) ? String.format(", PostgreSQL CPU %.3f ms/account", msPerAccount) : "";
  }

  /** CPU seconds used so far by every PostgreSQL server process on this machine (the store's side of an import). */
  static double postgresCpuSeconds() {
    double total = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          if (stat.contains("(postgres)")) {
            total += cpuSecondsOf(stat);
          }
        } catch (Exception gone) {
          // exited
        }
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return total;
  }

  /** Resident memory of a process and its descendants (the README command runs Ferry in a child JVM). */
  static long rss(ProcessHandle root) {
    long total = 0;
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    for (ProcessHandle p : all) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (Exception gone) {
        // exited
      }
    }
    return total;
  }
}
