package io.ferry.engine.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.FerryFailure;
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

import java.time.Duration;
import java.util.List;

/**
 * Inbound third-party webhooks: resolve the account (by URL, or by the install's lookup field), answer handshakes,
 * verify the signature on the raw bytes, de-duplicate delivery ids, transform the payload into events and commit them
 * to the outbox before answering 200. Every failed check answers the same 401.
 */
public final class WebhookVerifierVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerifierVerticle.class);

  private final AccountStore accounts;
  private final IntegrationStore integrations;
  private final EventOutbox outbox;
  private final WebhookPipeline pipeline;
  private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(1_000_000)
      .expireAfterWrite(Duration.ofSeconds(Timestamps.DEFAULT_TOLERANCE_SECONDS)).build();
  private final FerryMetrics metrics;

  public WebhookVerifierVerticle(AccountStore accounts, IntegrationStore integrations, EventOutbox outbox, Jsonata jsonata,
                                 FerryMetrics metrics) {
    this.metrics = metrics;
    this.accounts = accounts;
    this.integrations = integrations;
    this.outbox = outbox;
    this.pipeline = new WebhookPipeline(jsonata);
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, InboundCall.class, InboundReply.class);
    return Future.join(
        Bus.<InboundCall, InboundReply>serve(vertx, Addresses.WEBHOOK_INBOUND, this::inbound).completion(),
        Bus.<ApiCall, ApiResult>serve(vertx, Addresses.WEBHOOK_CONFIG_TEST, this::configTest).completion());
  }

  private Future<InboundReply> inbound(InboundCall call) {
    InboundRequest req = call.request();
    Future<InboundReply> reply = InboundCall.INSTALL.equals(call.kind()) ? viaInstall(call.targetId(), req)
        : accounts.getInAnyEnvironment(call.targetId()).compose(a -> {
          JsonObject webhook = webhookOf(a.effectiveConfig());
          InboundReply handshake = pipeline.handshake(webhook, req);
          return handshake != null ? Future.succeededFuture(handshake) : accept(a, webhook, req);
        });
    return reply.recover(e -> {
      if (!(e instanceof FerryFailure)) {
        LOG.warn("Inbound webhook failed: {}", e instanceof FerryFailure ? e.getMessage() : io.ferry.engine.store.StoreFaults.describe(e));
      }
      metrics.webhookInbound(false);
      return Future.succeededFuture(InboundReply.rejected());
    });
  }

  private Future<InboundReply> viaInstall(String installId, InboundRequest req) {
    return accounts.installEnvironment(installId).compose(env -> integrations.installRow(env, installId)).compose(row -> {
      JsonObject webhook = webhookOf(Json.deepMerge(integrations.openJson(row, "i_config"),
          integrations.openJson(row, "override"), false));
      InboundReply handshake = pipeline.handshake(webhook, req);
      if (handshake != null) {
        return Future.succeededFuture(handshake);
      }
      String field = WebhookPipeline.lookupKey(webhook, "context_lookup_field_name");
      String value = pipeline.lookupValue(webhook, req);
      if (field == null || value == null) {
        return Future.failedFuture(FerryFailure.badRequest("no account lookup for this webhook"));
      }
      return accounts.ofInstall(installId).compose(list -> list.stream()
          .filter(a -> value.equals(String.valueOf(Json.at(a.context(), field)))).findFirst()
          .map(a -> accept(a, webhook, req))
          .orElseGet(() -> Future.failedFuture(FerryFailure.notFound("no account matches the lookup"))));
    });
  }

  private Future<InboundReply> accept(Account account, JsonObject webhook, InboundRequest req) {
    JsonObject data = RequestBuilder.data(account.context(), null, CallInput.empty(), new JsonObject());
    VerifyResult verified = SignatureVerifier.verify(webhook.getJsonObject("signature_verification"), req, data,
        System.currentTimeMillis());
    if (!verified.ok()) {
      return Future.failedFuture(FerryFailure.badRequest(verified.reason()));
    }
    if (verified.deliveryId() != null && seen.asMap().putIfAbsent(account.id() + "|" + verified.deliveryId(), true) != null) {
      metrics.webhookInbound(true);
      return Future.succeededFuture(InboundReply.accepted()); // a redelivery: already accepted once
    }
    List<JsonObject> events = pipeline.events(webhook, req);
    return accounts.database().inTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject e : events) {
        JsonObject payload = new JsonObject().put("integrated_account_id", e.getString("integrated_account_id", account.id()))
            .put("tenant_id", account.tenantId()).put("integration", account.integrationName())
            .put("resource", e.getString("resource")).put("event_type", e.getString("event_type"))
            .put("payload", e.getValue("payload"));
        chain = chain.compose(v -> outbox.enqueue(tx, account.environmentId(), WebhookPipeline.eventName(e.getString("event_type")),
            payload).mapEmpty());
      }
      return chain;
    }).map(v -> {
      metrics.webhookInbound(true);
      vertx.eventBus().send(Addresses.WEBHOOK_OUTBOX_WAKE, "inbound", Bus.LOCAL);
      return InboundReply.accepted();
    }).recover(e -> {
      if (verified.deliveryId() != null) {
        seen.invalidate(account.id() + "|" + verified.deliveryId()); // not committed: let the provider's retry through
      }
      return Future.failedFuture(e);
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
        InboundReply handshake = pipeline.handshake(webhook, req);
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
