package io.ferry.bench;

import io.ferry.api.Ferry;
import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports per second through {@code POST /integrated-account} on the embedded store and on PostgreSQL, one request in
 * flight and 16 in flight, in one run. Usage: ImportBench [postgresql-url] [seconds]
 */
public final class ImportBench {
  static final String TOKEN = "fry_import_bench";

  private ImportBench() {
  }

  public static void main(String[] args) throws Exception {
    String pg = args.length > 0 ? args[0] : "postgresql://postgres@127.0.0.1:5432/test";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Vertx vertx = Vertx.vertx();
    System.out.println("| store      | in flight | imports/s |");
    System.out.println("|------------|-----------|-----------|");
    for (String store : new String[] {"h2", "postgres"}) {
      FerryOptions options = FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("import-bench").toString(),
              "FERRY_HTTP_PORT", "0")).withApiToken(TOKEN).withIntegrationsDir("integrations")
          .withDatabaseUrl("h2".equals(store) ? null : freshSchema(vertx, pg));
      Ferry ferry = Ferry.start(vertx, options).await();
      WebClient web = WebClient.create(vertx);
      String install = install(web, ferry.port(), TOKEN);
      for (int inFlight : new int[] {1, 16}) {
        run(vertx, web, ferry.port(), install, inFlight, 2);
        double rate = run(vertx, web, ferry.port(), install, inFlight, seconds) / (double) seconds;
        System.out.printf("| %-10s | %9d | %9.0f |%n", store, inFlight, rate);
      }
      ferry.stop().await();
    }
    vertx.close();
    System.exit(0);
  }

  static String freshSchema(Vertx vertx, String base) {
    String schema = "ferry_bench_" + System.currentTimeMillis();
    var client = io.vertx.pgclient.PgBuilder.client().connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(base)).using(vertx).build();
    client.query("CREATE SCHEMA " + schema).execute().await();
    client.close().await();
    return base + "?search_path=" + schema;
  }

  /** Installs the catalog's {@code example} integration with {@code token}'s environment; answers the install id. */
  static String install(WebClient web, int port, String token) {
    String integration = web.get(port, "localhost", "/integration?name=example").putHeader("Authorization", "Bearer " + token)
        .send().await().bodyAsJsonObject().getJsonArray("result").getJsonObject(0).getString("id");
    return web.post(port, "localhost", "/environment-integration").putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("integration_id", integration)).await().bodyAsJsonObject().getString("id");
  }

  static long run(Vertx vertx, WebClient web, int port, String install, int inFlight, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong done = new AtomicLong();
    Promise<Void> finished = Promise.promise();
    AtomicLong running = new AtomicLong(inFlight);
    for (int i = 0; i < inFlight; i++) {
      vertx.runOnContext(v -> loop(web, port, install, end, done, running, finished));
    }
    finished.future().await();
    return done.get();
  }

  private static void loop(WebClient web, int port, String install, long end, AtomicLong done, AtomicLong running, Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    JsonObject body = new JsonObject().put("tenant_id", "t").put("environment_integration_id", install)
        .put("authentication_method", "oauth2").put("context", new JsonObject().put("oauth", new JsonObject()
            .put("token", new JsonObject().put("access_token", "a").put("refresh_token", "r").put("expires_in", 3600))));
    Future<Integer> sent = web.post(port, "localhost", "/integrated-account").putHeader("Authorization", "Bearer " + TOKEN)
        .sendJsonObject(body).map(r -> r.statusCode());
    sent.onComplete(ar -> {
      if (ar.succeeded() && ar.result() == 201) {
        done.incrementAndGet();
      }
      loop(web, port, install, end, done, running, finished);
    });
  }
}
