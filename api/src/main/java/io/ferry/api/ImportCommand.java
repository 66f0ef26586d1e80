package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java -jar ferry.jar import FILE --url URL --token TOKEN}: streams an NDJSON file to
 * {@code POST /integrated-account/bulk} and reads the per-line results while it is still sending (full duplex, so a
 * large file never stalls), drawing a progress bar (lines, rate, ETA, errors) on stderr and a summary on stdout.
 * Exit status: 0 all lines imported, 1 some lines failed, 2 usage or connection error.
 */
final class ImportCommand {
  private static final long REDRAW_NANOS = 100_000_000;

  private final PrintStream out;
  private final PrintStream err;

  ImportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    String file = null;
    String url = System.getenv().getOrDefault("FERRY_URL", "http://localhost:8080");
    String token = System.getenv("FERRY_TOKEN");
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = i + 1 < args.length ? args[++i] : null;
        case "--token" -> token = i + 1 < args.length ? args[++i] : null;
        default -> file = args[i];
      }
    }
    if (file == null || url == null || token == null) {
      err.println("usage: java -jar ferry.jar import FILE.ndjson --url http://localhost:8080 --token TOKEN"
          + " (or FERRY_URL / FERRY_TOKEN)");
      return 2;
    }
    Path path = Path.of(file);
    long total;
    try {
      total = countLines(path);
    } catch (IOException e) {
      err.println("ferry import: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      return send(vertx, path, URI.create(url), token, total).join();
    } catch (RuntimeException e) {
      err.println("\nferry import: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
      return 2;
    } finally {
      vertx.close();
    }
  }

  private CompletableFuture<Integer> send(Vertx vertx, Path path, URI base, String token, long total) {
    Progress progress = new Progress(total);
    boolean tls = "https".equals(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    var client = vertx.createHttpClient(new HttpClientOptions().setSsl(tls));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(port)
        .setURI(base.getRawPath().replaceAll("/$", "") + "/integrated-account/bulk")
        .putHeader("Authorization", "Bearer " + token).putHeader("content-type", "application/x-ndjson");
    return client.request(options).compose(request -> {
      request.setChunked(true);
      vertx.fileSystem().open(path.toString(), new OpenOptions().setRead(true)).onSuccess(f -> f.pipeTo(request))
          .onFailure(e -> request.reset(0, e));
      return request.response();
    }).compose(response -> {
      if (response.statusCode() != 200) {
        return response.body().map(b -> {
          err.println("ferry import: " + response.statusCode() + " " + b);
          return 2;
        });
      }
      io.vertx.core.Promise<Integer> done = io.vertx.core.Promise.promise();
      RecordParser lines = RecordParser.newDelimited("\n", response);
      lines.handler(l -> progress.result(new JsonObject(l)));
      lines.exceptionHandler(done::tryFail);
      lines.endHandler(v -> done.tryComplete(progress.finish()));
      return done.future();
    }).toCompletionStage().toCompletableFuture();
  }

  static long countLines(Path path) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** Counts results and redraws the bar at most ten times a second. */
  private final class Progress {
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private long done;
    private long created;
    private long updated;
    private long errors;
    private JsonObject summary;

    Progress(long total) {
      this.total = Math.max(total, 1);
    }

    void result(JsonObject r) {
      if (r.getValue("summary") instanceof JsonObject s) {
        summary = s;
        return;
      }
      done = Math.max(done, r.getLong("line", done));
      switch (r.getString("status", "error")) {
        case "created" -> created++;
        case "updated" -> updated++;
        default -> {
          errors++;
          err.println("\rline " + r.getValue("line") + ": " + r.getJsonObject("error", new JsonObject()).encode());
        }
      }
      long now = System.nanoTime();
      if (now - lastDraw > REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }

    private void draw(long now) {
      double seconds = Math.max((now - started) / 1e9, 1e-3);
      double rate = (created + updated + errors) / seconds;
      double share = Math.min(1.0, done / (double) total);
      int width = 30;
      int filled = (int) (share * width);
      String eta = rate > 0 ? String.format(Locale.ROOT, "%.0fs", (total - done) / rate) : "?";
      err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %d/%d lines  %.0f/s  ETA %s  errors %d ", "=".repeat(filled),
          " ".repeat(width - filled), share * 100, done, total, rate, eta, errors);
    }

    int finish() {
      draw(System.nanoTime());
      err.println();
      double seconds = (System.nanoTime() - started) / 1e9;
      long lines = summary == null ? done : summary.getLong("lines", done);
      out.printf(Locale.ROOT, "imported %d lines in %.1f s (%.0f lines/s): %d created, %d updated, %d errors%n",
          lines, seconds, lines / Math.max(seconds, 1e-3), created, updated, errors);
      return errors == 0 && summary != null ? 0 : 1;
    }
  }
}
