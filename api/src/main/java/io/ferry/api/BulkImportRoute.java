package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /integrated-account/bulk}: NDJSON in, NDJSON out, streamed both ways. Lines are cut from the request as
 * they arrive (never the whole body in memory), sent to the account verticle in batches of {@link #BATCH} lines or
 * {@link #BATCH_BYTES} (one transaction each), and each line's result is written back as soon as its batch commits; the last line is a summary.
 * The request is paused while {@link #PIPELINE} batches are out, so a fast sender is held back by the store, not buffered.
 */
final class BulkImportRoute implements Handler<RoutingContext> {
  /** Lines per batch: each batch is one transaction, whose commit and fixed statements its lines share. */
  static final int BATCH = 200;
  /** ... or fewer, when its lines reach this size: {@link #PIPELINE} batches of 1 MB lines must fit Ferry's heap. */
  static final int BATCH_BYTES = 4 * 1024 * 1024;
  /** Batches of one import in flight at most: one being written, the next being checked. */
  static final int PIPELINE = 2;
  static final int MAX_LINE_BYTES = 1024 * 1024;
  /** A batch is one transaction: on a loaded store it may take far longer than the bus's default 30 s. */
  static final int RESULT_QUEUE_BYTES = 16 * 1024 * 1024;
  static final long BATCH_TIMEOUT_MILLIS = 10 * 60_000;

  private final Vertx vertx;

  BulkImportRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    if (type != null && !type.startsWith("application/x-ndjson") && !type.startsWith("application/jsonl")
        && !type.startsWith("application/json") && !type.startsWith("text/plain")) {
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "send one JSON import body per line as application/x-ndjson"));
      return;
    }
    new Run(ctx).start();
  }

  /** One streamed import: the parser, the batch being filled, the counters for the summary. */
  private final class Run {
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final RecordParser parser;
    private JsonArray batch = new JsonArray();
    private int batchBytes;
    private int lineNumber;
    private int created;
    private int updated;
    private int errors;
    private boolean ended;
    private Future<Void> inFlight = Future.succeededFuture();
    /** Batches sent whose results are not written yet. */
    private int outstanding;
    private final String importId = java.util.UUID.randomUUID().toString();

    Run(RoutingContext ctx) {
      this.ctx = ctx;
      this.response = ctx.response();
      this.parser = RecordParser.newDelimited("\n", ctx.request()).maxRecordSize(MAX_LINE_BYTES);
    }

    void start() {
      // results queue up to this much for a client that only reads after it has sent everything (curl -T does not)
      response.setChunked(true).setWriteQueueMaxSize(RESULT_QUEUE_BYTES).putHeader("content-type", "application/x-ndjson");
      parser.handler(this::line);
      parser.exceptionHandler(e -> {
        // a line over the limit: the stream cannot be cut reliably after it, so stop here and say where
        errors++;
        write(new JsonObject().put("line", lineNumber + 1).put("status", "error")
            .put("error", new JsonObject().put("message", "line longer than " + MAX_LINE_BYTES + " bytes; import stopped here")));
        ended = true;
        inFlight.onComplete(ar -> finish());
      });
      parser.endHandler(v -> {
        ended = true;
        flush().onComplete(ar -> finish());
      });
      ctx.request().resume();
    }

    private void line(Buffer raw) {
      lineNumber++;
      String text = raw.toString().strip();
      if (text.isEmpty()) {
        return;
      }
      JsonObject entry = new JsonObject().put("line", lineNumber);
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(text);
        if (parsed instanceof JsonObject body) {
          entry.put("body", body);
        } else {
          entry.put("error", "a line must be a JSON object");
        }
      } catch (RuntimeException e) {
        entry.put("error", "malformed JSON");
      }
      batch.add(entry);
      batchBytes += raw.length();
      if (batch.size() >= BATCH || batchBytes >= BATCH_BYTES) {
        flush();
      }
    }

    /**
     * Sends the batch at once, so its checks overlap the previous batch's transaction (the account verticle still
     * writes an import's batches one after another); results are written in order. With {@link #PIPELINE} batches
     * out, the parser pauses until the oldest one's results are written (and the response has room).
     */
    private Future<Void> flush() {
      if (batch.isEmpty()) {
        return inFlight;
      }
      JsonArray lines = batch;
      batch = new JsonArray();
      batchBytes = 0;
      if (++outstanding >= PIPELINE) {
        parser.pause();
      }
      ApiCall call = ApiCall.of("bulk-import", Principals.of(ctx))
          .withBody(new JsonObject().put("import", importId).put("lines", lines));
      Future<JsonArray> answer = Bus.<ApiResult>request(vertx, Addresses.ACCOUNT, call, BATCH_TIMEOUT_MILLIS)
          .map(r -> (JsonArray) r.body())
          .recover(e -> Future.succeededFuture(failedBatch(lines, e)));
      inFlight = inFlight.compose(v -> answer
          .compose(results -> {
            // one write per batch, not per line: each write is a chunk through the whole Netty pipeline
            Buffer out = Buffer.buffer(results.size() * 64);
            results.forEach(r -> {
              count((JsonObject) r);
              out.appendString(((JsonObject) r).encode()).appendByte((byte) '\n');
            });
            write(out);
            return response.writeQueueFull() ? drained() : Future.<Void>succeededFuture();
          })
          .onComplete(ar -> {
            outstanding--;
            if (!ended) {
              parser.resume();
            }
          }));
      return inFlight;
    }

    private Future<Void> drained() {
      io.vertx.core.Promise<Void> room = io.vertx.core.Promise.promise();
      response.drainHandler(v -> room.tryComplete());
      return room.future();
    }

    private JsonArray failedBatch(JsonArray lines, Throwable e) {
      String message = e instanceof FerryFailure f ? f.getMessage() : "the store is unavailable; retry these lines";
      JsonArray out = new JsonArray();
      lines.forEach(o -> out.add(new JsonObject().put("line", ((JsonObject) o).getInteger("line")).put("status", "error")
          .put("error", new JsonObject().put("message", message))));
      return out;
    }

    private void count(JsonObject result) {
      switch (result.getString("status")) {
        case "created" -> created++;
        case "updated" -> updated++;
        default -> errors++;
      }
    }

    private void write(JsonObject o) {
      write(Buffer.buffer(o.encode() + "\n"));
    }

    private void write(Buffer lines) {
      if (!response.ended() && !response.closed()) {
        response.write(lines);
      }
    }

    private void finish() {
      write(new JsonObject().put("summary", new JsonObject().put("lines", lineNumber).put("created", created)
          .put("updated", updated).put("errors", errors)));
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
  }
}
