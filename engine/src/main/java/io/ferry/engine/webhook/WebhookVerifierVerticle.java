package io.ferry.engine.webhook;

import io.ferry.engine.account.ChangeEvents;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.account.ContextPatch;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.RequestBuilder;
import io.ferry.engine.json.Json;
import io.ferry.engine.metrics.FerryMetrics;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Inbound third-party webhooks: resolve the account (by URL, or by the install's lookup field), answer handshakes
 * (after the signature when {@code verify_before_handshake}), verify the signature on the raw bytes, transform the
 * payload into events and commit them together with the delivery id ({@link InboundIntake}) before answering 200.
 * Every failed check answers the same 401; a transform or commit failure answers 500 so the provider retries, and
 * nothing of that delivery is stored, so the retry after a fix is stored once.
 */
public final class WebhookVerifierVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerifierVerticle.class);
  /** How long a delivery id is remembered unless the config says {@code delivery_id_ttl_seconds}: providers retry for days. */
  static final long DEFAULT_DEDUP_TTL_SECONDS = 3 * 24 * 3600;
  static final int MAX_GROUP = 256;
  static final int MAX_COMMITS = 2;

  private final AccountWrites writes;
  private final AccountStore accounts;
  private final IntegrationStore integrations;
  private final WebhookPipeline pipeline;
  private final InboundIntake intake;
  private final FerryMetrics metrics;
  private long sweeper;

  public WebhookVerifierVerticle(AccountWrites writes, IntegrationStore integrations, EventOutbox outbox, Jsonata jsonata,
                                 FerryMetrics metrics) {
    this(writes, integrations, outbox, jsonata, metrics, MAX_GROUP);
  }

  /** {@code maxGroup} 1 commits each delivery alone (the benchmark's baseline). */
  public WebhookVerifierVerticle(AccountWrites writes, IntegrationStore integrations, EventOutbox outbox, Jsonata jsonata,
                                 FerryMetrics metrics, int maxGroup) {
    this.metrics = metrics;
    this.writes = writes;
    this.accounts = writes.store();
    this.integrations = integrations;
    this.pipeline = new WebhookPipeline(jsonata);
    this.intake = new InboundIntake(accounts.database(), outbox, maxGroup, MAX_COMMITS);
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, InboundCall.class, InboundReply.class);
    sweeper = vertx.setPeriodic(60_000, id -> intake.expire().onFailure(e -> LOG.warn("Expiring delivery ids failed: {}", e.toString())));
    return Future.join(
        Bus.<InboundCall, InboundReply>serve(vertx, Addresses.WEBHOOK_INBOUND, this::inbound).completion(),
        Bus.<ApiCall, ApiResult>serve(vertx, Addresses.WEBHOOK_CONFIG_TEST, this::configTest).completion());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return Future.succeededFuture();
  }

  private Future<InboundReply> inbound(InboundCall call) {
    InboundRequest req = call.request();
    Future<InboundReply> reply = InboundCall.INSTALL.equals(call.kind()) ? viaInstall(call.targetId(), req)
        : accounts.getInAnyEnvironment(call.targetId()).compose(a -> {
          JsonObject webhook = webhookOf(a.effectiveConfig());
          return handshakeOrAccept(a, webhook, req);
        });
    return reply.recover(e -> {
      if (!(e instanceof FerryFailure)) {
        LOG.warn("Inbound webhook failed: {}", e instanceof FerryFailure ? e.getMessage() : io.ferry.engine.store.StoreFaults.describe(e));
      } else {
        LOG.debug("Inbound webhook to {} {} rejected: {}", call.kind(), call.targetId(), e.getMessage());
      }
      metrics.webhookInbound(false);
      return Future.succeededFuture(InboundReply.rejected());
    });
  }

  private Future<InboundReply> viaInstall(String installId, InboundRequest req) {
    return accounts.installEnvironment(installId).compose(env -> integrations.installRow(env, installId)).compose(row -> {
      JsonObject webhook = webhookOf(Json.deepMerge(integrations.openJson(row, "i_config"),
          integrations.openJson(row, "override"), false));
      if (!webhook.getBoolean("verify_before_handshake", false)) {
        InboundReply handshake = pipeline.handshake(webhook, req, new JsonObject()).reply();
        if (handshake != null) {
          return Future.succeededFuture(handshake);
        }
      }
      String field = WebhookPipeline.lookupKey(webhook, "context_lookup_field_name");
      String value = pipeline.lookupValue(webhook, req);
      if (field == null || value == null) {
        return Future.failedFuture(FerryFailure.badRequest("no account lookup for this webhook"));
      }
      return accounts.ofInstall(installId).compose(list -> list.stream()
          .filter(a -> value.equals(String.valueOf(Json.at(a.context(), field)))).findFirst()
          .map(a -> handshakeOrAccept(a, webhook, req))
          .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("no account matches the lookup"))));
    });
  }

  /** The handshake (before or after the signature check, as configured), else the delivery. */
  private Future<InboundReply> handshakeOrAccept(Account account, JsonObject webhook, InboundRequest req) {
    JsonObject data = RequestBuilder.data(account.context(), null, CallInput.empty(), new JsonObject());
    boolean verifyFirst = webhook.getBoolean("verify_before_handshake", false);
    VerifyResult verified = null;
    if (verifyFirst) {
      verified = verify(webhook, req, data);
      if (!verified.ok()) {
        return Future.failedFuture(FerryFailure.badRequest(verified.reason()));
      }
    }
    WebhookPipeline.Handshake handshake = pipeline.handshake(webhook, req, account.context());
    if (handshake.reply() != null) {
      return handshake.updateContext() == null ? Future.succeededFuture(handshake.reply())
          : writes.update(ContextPatch.shallow(account, handshake.updateContext()), List.of("integrated_account:updated"))
              .map(handshake.reply());
    }
    if (!verifyFirst) {
      verified = verify(webhook, req, data);
      if (!verified.ok()) {
        return Future.failedFuture(FerryFailure.badRequest(verified.reason()));
      }
    }
    return accept(account, webhook, req, verified.deliveryId());
  }

  private static VerifyResult verify(JsonObject webhook, InboundRequest req, JsonObject data) {
    return SignatureVerifier.verify(webhook.getJsonObject("signature_verification"), req, data, System.currentTimeMillis());
  }

  /** Verified: transform, then commit with the delivery id. Failures here answer 500 so the provider sends it again. */
  private Future<InboundReply> accept(Account account, JsonObject webhook, InboundRequest req, String deliveryId) {
    List<JsonObject> events;
    try {
      events = pipeline.events(webhook, req);
    } catch (RuntimeException e) {
      // the body may hold secrets: log where it failed, never what it was given
      LOG.warn("Inbound webhook payload_transform failed: integration={} account={} delivery_id={} error={}",
          account.integrationName(), account.id(), deliveryId, e.getClass().getSimpleName());
      metrics.webhookInbound("transform_failed");
      return Future.succeededFuture(InboundReply.failed());
    }
    List<ChangeEvents.Event> rows = events.stream().map(e -> new ChangeEvents.Event(account.environmentId(),
        WebhookPipeline.eventName(e.getString("event_type")),
        new JsonObject().put("integrated_account_id", e.getString("integrated_account_id", account.id()))
            .put("tenant_id", account.tenantId()).put("integration", account.integrationName())
            .put("resource", e.getString("resource")).put("event_type", e.getString("event_type"))
            .put("payload", e.getValue("payload")))).toList();
    long ttl = webhook.getLong("delivery_id_ttl_seconds", DEFAULT_DEDUP_TTL_SECONDS) * 1000;
    return intake.submit(account.id(), deliveryId, ttl, rows).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("Inbound webhook commit failed: integration={} account={} delivery_id={} error={}",
            account.integrationName(), account.id(), deliveryId, ar.cause().toString());
        metrics.webhookInbound("commit_failed");
        return Future.succeededFuture(InboundReply.failed());
      }
      metrics.webhookInbound(ar.result() ? "verified" : "duplicate");
      if (ar.result() && !rows.isEmpty()) {
        vertx.eventBus().send(Addresses.WEBHOOK_OUTBOX_WAKE, "inbound", Bus.LOCAL);
      }
      return Future.succeededFuture(InboundReply.accepted());
    });
  }

  /** {@code POST /integration/{id}/webhook/test}: which step passed or failed and why; secrets never echoed. */
  private Future<ApiResult> configTest(ApiCall call) {
    JsonObject body = call.body();
    JsonObject sample = body.getValue("request") instanceof JsonObject r ? r : new JsonObject();
    JsonObject context = body.getValue("context") instanceof JsonObject c ? c : new JsonObject();
    return integrations.row(call.principal().teamId(), call.id()).map(row -> {
      JsonObject webhook = webhookOf(integrations.openJson(row, "config"));
      InboundRequest req = WebhookSamples.request(sample);
      JsonObject steps = new JsonObject();
      try {
        InboundReply handshake = pipeline.handshake(webhook, req, context).reply();
        steps.put("handle_verification", new JsonObject().put("ok", true).put("handshake", handshake != null)
            .put("reply", handshake == null ? null : new JsonObject().put("status", handshake.status()).put("body", handshake.body())));
        if (handshake == null) {
          VerifyResult v = SignatureVerifier.verify(webhook.getJsonObject("signature_verification"), req,
              RequestBuilder.data(context, null, CallInput.empty(), new JsonObject()), now(body));
          steps.put("signature_verification", new JsonObject().put("ok", v.ok()).put("reason", v.reason()));
          if (v.ok()) {
            steps.put("payload_transform", new JsonObject().put("ok", true).put("events", new io.vertx.core.json.JsonArray(pipeline.events(webhook, req))));
          }
        }
      } catch (FerryFailure f) {
        steps.put("error", f.getMessage());
      }
      return ApiResult.ok(new JsonObject().put("steps", steps));
    });
  }

  /** The dry run's clock: {@code now} in epoch milliseconds, or the real time. */
  private static long now(JsonObject body) {
    Object now = body.getValue("now");
    if (now == null) {
      return System.currentTimeMillis();
    }
    if (now instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1e15) {
      return n.longValue();
    }
    throw FerryFailure.invalid("/now", "must be epoch milliseconds");
  }

  static JsonObject webhookOf(JsonObject config) {
    return config.getValue("webhook") instanceof JsonObject w ? w : new JsonObject();
  }
}
