package io.ferry.engine.webhook;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.metrics.FerryMetrics;
import io.ferry.engine.http.SsrfGuard;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Delivers the outbox to the customer's webhooks, at least once: claims due rows with a lease (a crash leaves the
 * claim to expire and the row is claimed again), signs and POSTs each, marks it delivered or schedules a retry with
 * exponential backoff; a target failing for longer than the configured time is deactivated. Also serves the
 * {@code /webhook} admin operations.
 */
public final class WebhookDeliveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryVerticle.class);
  static final int BATCH = 50;
  /** The whole of one delivery (address check, connect, send, answer) is cut off after this. */
  static final long DELIVERY_DEADLINE_MILLIS = 10_000;
  /**
   * Far longer than a delivery's deadline plus recording it, so a live node never loses a claim it is still sending;
   * a dead node's claims are taken over once it expires.
   */
  static final long LEASE_MILLIS = 3 * DELIVERY_DEADLINE_MILLIS;
  static final long RETENTION_EVERY_MILLIS = 10 * 60_000;
  static final long POLL_MILLIS = 1_000;
  static final int MAX_ATTEMPTS = 12;
  static final long MAX_BACKOFF_MILLIS = 600_000;
  static final int MAX_IN_FLIGHT = 256;

  private final WebhookStore store;
  private final boolean allowPrivate;
  private final long retryBaseMillis;
  private final long disableAfterMillis;
  private final FerryMetrics metrics;
  private final SchemaCheck createSchema = SchemaCheck.load("requests/webhook.create.json");
  private final SchemaCheck updateSchema = SchemaCheck.load("requests/webhook.update.json");
  private io.vertx.core.http.HttpClient client;
  private SsrfGuard guard;
  private long timer;
  private boolean polling;
  private boolean again;
  private int inFlight;
  private boolean stopping;
  private long retentionTimer;
  private final long retentionMillis;
  private final java.util.Set<Future<Void>> sending = new java.util.HashSet<>();
  /** Prefix of this instance's claims, so a stop can hand back exactly its own. */
  private final String claimPrefix = Rows.newId() + ":";

  public WebhookDeliveryVerticle(WebhookStore store, boolean allowPrivate, long retryBaseMillis, long disableAfterMillis,
                                 FerryMetrics metrics) {
    this(store, allowPrivate, retryBaseMillis, disableAfterMillis, 7L * 86_400_000, metrics);
  }

  public WebhookDeliveryVerticle(WebhookStore store, boolean allowPrivate, long retryBaseMillis, long disableAfterMillis,
                                 long retentionMillis, FerryMetrics metrics) {
    this.retentionMillis = retentionMillis;
    this.metrics = metrics;
    this.store = store;
    this.allowPrivate = allowPrivate;
    this.retryBaseMillis = retryBaseMillis;
    this.disableAfterMillis = disableAfterMillis;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setConnectTimeout(5_000));
    guard = new SsrfGuard(vertx, allowPrivate);
    timer = vertx.setPeriodic(POLL_MILLIS, id -> {
      poll();
      store.depth().onSuccess(metrics::outboxDepth);
    });
    retentionTimer = vertx.setPeriodic(1_000, RETENTION_EVERY_MILLIS, id -> store.expireDelivered(System.currentTimeMillis() - retentionMillis)
        .onFailure(e -> LOG.warn("Outbox retention failed: {}", e.toString())));
    vertx.eventBus().localConsumer(Addresses.WEBHOOK_OUTBOX_WAKE, m -> poll());
    vertx.eventBus().localConsumer(Addresses.ACCOUNT_EVENTS, m -> poll());
    return store.releaseOrphanedClaims()
        .compose(v -> Bus.<ApiCall, ApiResult>serve(vertx, Addresses.WEBHOOK, this::admin).completion()).onSuccess(v -> poll());
  }

  /**
   * Claims nothing more, lets the deliveries being sent finish (each is bounded by its deadline) and records them;
   * only then are claims not started handed back. A claim still being sent is never released for another node to
   * send in parallel.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(retentionTimer);
    return Future.join(new java.util.ArrayList<>(sending)).transform(ar -> store.release(claimPrefix))
        .recover(e -> Future.succeededFuture());
  }

  /** Claims a batch and starts its deliveries without waiting for them: a slow target never holds up the others. */
  private void poll() {
    if (stopping) {
      return;
    }
    if (polling || inFlight >= MAX_IN_FLIGHT) {
      again = true;
      return;
    }
    polling = true;
    again = false;
    store.claim(claimPrefix + Rows.newId(), System.currentTimeMillis(), LEASE_MILLIS, Math.min(BATCH, MAX_IN_FLIGHT - inFlight))
        .onComplete(ar -> {
          polling = false;
          if (ar.failed()) {
            LOG.warn("Outbox poll failed: {}", ar.cause().getMessage());
            return;
          }
          for (WebhookStore.Claimed c : ar.result()) {
            inFlight++;
            Future<Void> delivery = deliver(c);
            sending.add(delivery);
            delivery.onComplete(done -> {
              sending.remove(delivery);
              inFlight--;
              if (done.failed()) {
                LOG.warn("Recording a webhook delivery failed: {}", done.cause().getMessage());
              }
              if (again) {
                poll();
              }
            });
          }
          if (ar.result().size() == BATCH || again) {
            vertx.runOnContext(v -> poll());
          }
        });
  }

  private Future<Void> deliver(WebhookStore.Claimed c) {
    if (!c.active()) {
      return store.failed(c, null, "webhook is inactive", 0, null).mapEmpty();
    }
    long start = System.currentTimeMillis();
    Buffer body = Buffer.buffer(c.body());
    return send(c.targetUrl(), c.secret(), body).transform(ar -> {
      long took = System.currentTimeMillis() - start;
      boolean delivered = ar.succeeded() && ar.result() >= 200 && ar.result() < 300;
      metrics.deliveryAttempt(delivered);
      if (delivered) {
        return store.delivered(c, ar.result(), took).map(ours -> {
          if (!ours) {
            LOG.warn("Outbox row {} was delivered after its claim had expired; another node owns it now", c.id());
          }
          return null;
        });
      }
      Integer status = ar.succeeded() ? ar.result() : null;
      String error = ar.succeeded() ? "target answered " + ar.result() : ar.cause().getMessage();
      int attempt = c.attempts() + 1;
      Long next = attempt >= MAX_ATTEMPTS ? null
          : System.currentTimeMillis() + Math.min(MAX_BACKOFF_MILLIS, retryBaseMillis << Math.min(attempt - 1, 20));
      Future<Void> recorded = store.failed(c, status, error, took, next).mapEmpty();
      boolean failingTooLong = c.failingSince() != null && System.currentTimeMillis() - c.failingSince() >= disableAfterMillis;
      return failingTooLong ? recorded.compose(v -> store.deactivate(c.webhookId(),
          "deactivated: deliveries have failed since " + io.ferry.engine.json.Json.iso(c.failingSince()))) : recorded;
    });
  }

  /** POSTs a signed body; answers the status, fails on network errors. */
  Future<Integer> send(String url, String secret, Buffer body) {
    // connect to the address the guard checked (no second resolution), Host header and SNI stay the target's
    return guard.resolve(url).compose(server -> client.request(new io.vertx.core.http.RequestOptions()
            .setMethod(io.vertx.core.http.HttpMethod.POST).setAbsoluteURI(url).setServer(server).setFollowRedirects(false)
            .setTimeout(DELIVERY_DEADLINE_MILLIS).putHeader("content-type", "application/json").putHeader("user-agent", "Ferry-Webhooks")
            .putHeader(OutboundSignature.HEADER, OutboundSignature.of(secret, body)))
        .compose(req -> req.send(body)).compose(r -> r.body().map(ignored -> r.statusCode())))
        .timeout(DELIVERY_DEADLINE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private Future<ApiResult> admin(ApiCall call) {
    String env = call.principal().environmentId();
    return switch (call.action()) {
      case "create" -> {
        createSchema.check(call.body());
        checkUrl(call.body().getString("target_url"));
        yield publicTarget(call.body().getString("target_url")).compose(v -> store.create(env, call.body())).map(ApiResult::created);
      }
      case "list" -> store.list(env, call.query("is_active") == null ? null : Boolean.valueOf(call.query("is_active")))
          .map(l -> ApiResult.ok(new JsonObject().put("result", l).putNull("next_cursor").put("limit", l.size())));
      case "get" -> store.get(env, call.id()).map(ApiResult::ok);
      case "update" -> {
        updateSchema.check(call.body());
        Future<Void> target = Future.succeededFuture();
        if (call.body().containsKey("target_url")) {
          checkUrl(call.body().getString("target_url"));
          target = publicTarget(call.body().getString("target_url"));
        }
        yield target.compose(v -> store.update(env, call.id(), call.body())).map(ApiResult::ok);
      }
      case "delete" -> store.delete(env, call.id()).map(ApiResult::ok);
      case "deliveries" -> store.deliveries(env, call.id(), 100).map(l -> ApiResult.ok(new JsonObject().put("result", l)));
      case "redeliver" -> redeliver(env, call);
      case "retry-delivery" -> store.retryDelivery(env, call.id()).map(outboxId -> {
        poll();
        return new ApiResult(202, new JsonObject().put("id", call.id()).put("outbox_id", outboxId).put("status", "pending"));
      });
      case "test" -> test(env, call.body());
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  /** {@code POST /webhook/{id}/redeliver {from, to}}: ISO-8601 bounds on the events' creation time ({@code to} defaults to now). */
  private Future<ApiResult> redeliver(String env, ApiCall call) {
    JsonObject body = call.body() == null ? new JsonObject() : call.body();
    long from = instant(body, "from", null);
    long to = instant(body, "to", System.currentTimeMillis() + 1);
    if (to <= from) {
      throw FerryFailure.invalid("/to", "must be after from");
    }
    return store.redeliver(env, call.id(), from, to).map(n -> {
      poll();
      return new ApiResult(202, new JsonObject().put("id", call.id()).put("queued", n));
    });
  }

  private static long instant(JsonObject body, String field, Long dflt) {
    Object v = body.getValue(field);
    if (v == null && dflt != null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw FerryFailure.invalid("/" + field, v == null ? "is required" : "must be an ISO-8601 date-time string");
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) { // +999999999-… overflows epoch millis
      throw FerryFailure.invalid("/" + field, "must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z");
    }
  }

  /** Sends a {@code test} event right away, outside the outbox; answers whether the target took it. */
  private Future<ApiResult> test(String env, JsonObject body) {
    String id = body == null ? null : body.getString("id");
    if (id == null) {
      return Future.failedFuture(FerryFailure.invalid("/id", "is required"));
    }
    return store.get(env, id).compose(w -> store.secret(env, id).compose(secret -> {
      JsonObject event = new JsonObject().put("id", Rows.newId()).put("event", "test").put("event_type", "test")
          .put("payload", new JsonObject().put("foo", "bar")).put("environment_id", env).put("webhook_id", id)
          .put("created_at", io.ferry.engine.json.Json.iso(System.currentTimeMillis()));
      return send(w.getString("target_url"), secret, event.toBuffer()).transform(ar -> {
        if (ar.succeeded() && ar.result() >= 200 && ar.result() < 300) {
          return Future.succeededFuture(ApiResult.ok(new JsonObject().put("success", true)));
        }
        if (ar.failed() && ar.cause() instanceof FerryFailure f && f.code() == ErrorCode.BAD_REQUEST) {
          return Future.failedFuture(f); // refused by the SSRF guard: the target is wrong, not unreachable
        }
        return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, "the webhook target did not accept the test event: "
            + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause().getMessage())));
      });
    }));
  }

  /** A target that is not public is refused when it is set (and again by the guard before every delivery). */
  private Future<Void> publicTarget(String url) {
    return guard.resolve(url).<Void>mapEmpty().recover(e -> e instanceof FerryFailure f && f.code() == ErrorCode.BAD_REQUEST
        ? Future.failedFuture(FerryFailure.invalid("/target_url", f.getMessage())) : Future.succeededFuture());
  }

  private static void checkUrl(String url) {
    try {
      if (io.ferry.engine.http.Authority.of(url) == null) {
        throw FerryFailure.invalid("/target_url", "must be an http(s) URL with a host");
      }
    } catch (IllegalArgumentException e) {
      throw FerryFailure.invalid("/target_url", "is not a valid URL");
    }
  }
}
