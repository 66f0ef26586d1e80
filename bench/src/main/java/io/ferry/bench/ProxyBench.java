package io.ferry.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct → upstream, nginx → upstream and Ferry → upstream, side by side in one run: interleaved rounds at maximum
 * throughput, then each at a fixed rate of half Ferry's maximum. Prints a Markdown table and the ratios.
 * Usage: ProxyBench upstreamUrl nginxUrl ferryBaseUrl adminToken seconds
 */
public final class ProxyBench {
  private ProxyBench() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--setup-only")) { // upstreamUrl ferryBaseUrl adminToken: prints the proxy URL
      Vertx vertx = Vertx.vertx();
      System.out.println(setUpFerry(vertx, args[2], args[3], args[1]));
      vertx.close();
      System.exit(0);
    }
    String direct = args[0] + "/users";
    String nginx = args[1] + "/users";
    String ferryBase = args[2];
    String token = args[3];
    int seconds = Integer.parseInt(args[4]);
    int connections = 32;
    Vertx vertx = Vertx.vertx();
    String ferry = setUpFerry(vertx, ferryBase, token, args[0]);

    LoadDriver driver = new LoadDriver(vertx, connections);
    List<LoadDriver.Result> results = new ArrayList<>();
    // JIT warm-up of every target (and of this driver) before anything is measured: 2 s inside each run is not
    // enough for C2 to finish compiling Ferry's request path
    for (String[] t : new String[][] {{direct, null}, {nginx, null}, {ferry, token}, {ferry, token}}) {
      driver.max("warm-up", t[0], t[1], connections, 0, Math.max(10, seconds));
    }
    // two interleaved rounds at max so slow drift of a shared machine hits all three alike
    LoadDriver.Result[][] max = new LoadDriver.Result[2][];
    for (int round = 0; round < 2; round++) {
      max[round] = new LoadDriver.Result[] {
          driver.max("direct", direct, null, connections, 2, seconds),
          driver.max("nginx", nginx, null, connections, 2, seconds),
          driver.max("ferry", ferry, token, connections, 2, seconds)};
    }
    for (int i = 0; i < 3; i++) {
      results.add(max[0][i].rps() >= max[1][i].rps() ? max[0][i] : max[1][i]);
    }
    int rate = (int) Math.max(100, results.get(2).rps() / 2);
    results.add(driver.rate("direct", direct, null, rate, 2, seconds));
    results.add(driver.rate("nginx", nginx, null, rate, 2, seconds));
    results.add(driver.rate("ferry", ferry, token, rate, 2, seconds));

    System.out.println();
    System.out.println("Run " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + seconds
        + " s per measurement after 2 s warm-up, loopback; latencies in ms.");
    System.out.println();
    System.out.println("| target  | mode           |     req/s |     p50 |     p99 |   p99.9 | errors |");
    System.out.println("|---------|----------------|-----------|---------|---------|---------|--------|");
    results.forEach(r -> System.out.println(r.row()));
    LoadDriver.Result d = results.get(0);
    LoadDriver.Result n = results.get(1);
    LoadDriver.Result f = results.get(2);
    LoadDriver.Result dr = results.get(3);
    LoadDriver.Result nr = results.get(4);
    LoadDriver.Result fr = results.get(5);
    System.out.println();
    System.out.printf("Ferry/nginx max req/s: %.2f; Ferry/direct max req/s: %.2f%n", f.rps() / n.rps(), f.rps() / d.rps());
    System.out.printf("At %d req/s: p99 added over direct: Ferry %.3f ms, nginx %.3f ms; Ferry/nginx p99: %.2f%n", rate,
        (fr.p99() - dr.p99()) / 1000.0, (nr.p99() - dr.p99()) / 1000.0, fr.p99() / (double) Math.max(1, nr.p99()));
    vertx.close();
    System.exit(0);
  }

  /** Creates the bench integration (bearer auth, rate_limit, error_expression), installs it, imports an account. */
  static String setUpFerry(Vertx vertx, String base, String token, String upstream) {
    WebClient web = WebClient.create(vertx);
    JsonObject config = new JsonObject("""
        {"base_url": "%s",
         "authorization": {"format": "bearer"},
         "rate_limit": {"is_rate_limited": "status = 429", "retry_after_header_expression": "$number(headers.`retry-after`)",
           "rate_limit_header_expression": "$number(headers.`x-ratelimit-remaining`)"},
         "error_expression": "status >= 400 ? data.error : null",
         "resources": {"users": {"list": {"path": "/users", "response_path": "data"}}}}""".formatted(upstream));
    String auth = "Bearer " + token;
    var integration = web.postAbs(base + "/integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("name", "bench-" + System.currentTimeMillis()).put("config", config)).await();
    String install = web.postAbs(base + "/environment-integration").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("integration_id", integration.bodyAsJsonObject().getString("id"))).await()
        .bodyAsJsonObject().getString("id");
    String account = web.postAbs(base + "/integrated-account").putHeader("Authorization", auth)
        .sendJsonObject(new JsonObject().put("tenant_id", "bench").put("environment_integration_id", install)
            .put("authentication_method", "api_key").put("context", new JsonObject().put("api_key", "upstream-token")))
        .await().bodyAsJsonObject().getString("id");
    return base + "/proxy/users?integrated_account_id=" + account;
  }
}
