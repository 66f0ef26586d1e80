package io.ferry.engine.proxy;

import io.ferry.engine.http.SsrfGuard;
import io.ferry.engine.http.UpstreamClient;
import io.ferry.engine.http.StreamPolicy;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.account.CredentialRules;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.cluster.Invalidations;
import io.ferry.engine.cluster.Notice;
import io.ferry.engine.cluster.SharedAccountRateLimits;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.MethodConfig;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The proxy of this node, in process: {@link #call} runs the whole pipeline on the caller's event loop (no bus hop,
 * no thread switch). The per-account state it keeps (account cache, token single-flight, rate-limit gate and pacing)
 * is node-wide and thread-safe, shared by every event loop. One per {@link Vertx}; found with
 * {@link ProxyService#of(Vertx)}.
 */
public final class ProxyNode implements ProxyService {
  /** Upstream calls one account may have in flight; more wait in line (within their max wait). */
  static final int MAX_IN_FLIGHT_PER_ACCOUNT = 64;

  private final Vertx vertx;
  private final AccountStore store;
  private final AccountWrites writes;
  private final ConfigInterpreter interpreter;
  private final FerryMetrics metrics;
  private final AccountCache accounts;
  private final AccountRateLimits limits;
  private final TokenRefresher tokens;
  private final ProxyPipeline pipeline;
  private final AccountLifecycle lifecycle;
  private final MessageConsumer<AccountEvent> events;
  private final MessageConsumer<Notice> clusterChanges;

  public ProxyNode(Vertx vertx, AccountWrites writes, ConfigInterpreter interpreter, ProxyOptions options, FerryMetrics metrics) {
    this.vertx = vertx;
    this.writes = writes;
    this.store = writes.store();
    this.interpreter = interpreter;
    this.metrics = metrics;
    this.accounts = new AccountCache(store);
    UpstreamClient client = new UpstreamClient(vertx, options.maxBodyBytes());
    SsrfGuard guard = new SsrfGuard(vertx, options.allowPrivate());
    // node-wide state made cluster-aware: pauses and low quota are told to the other nodes and theirs applied here
    this.limits = SharedAccountRateLimits.create(vertx, new LocalAccountRateLimits(vertx, MAX_IN_FLIGHT_PER_ACCOUNT));
    this.tokens = new TokenRefresher(vertx, new TokenEndpoint(client, guard), writes, accounts::offer,
        TokenRefresher.DEFAULT_SKEW, Backoff.DEFAULT, metrics);
    this.pipeline = new ProxyPipeline(vertx, interpreter, client, guard, limits, tokens, Backoff.DEFAULT,
        options.timeoutMillis(), metrics);
    this.lifecycle = new AccountLifecycle(new ActionRunner(pipeline), this::persist);
    // writes made here update the cache themselves ("changed"); any other change drops the cached copy
    this.events = vertx.eventBus().<AccountEvent>localConsumer(Addresses.ACCOUNT_EVENTS, m -> {
      if (!"integrated_account:changed".equals(m.body().event())) {
        accounts.invalidate(m.body().accountId());
      }
    });
    // changes committed on other nodes (and install/integration changes here) drop the cached accounts
    this.clusterChanges = Invalidations.accounts(vertx, accounts::invalidate, accounts::invalidateAll);
    ProxyNodes.register(vertx, this);
  }

  /** The node-wide rate-limit state (pauses can be set and observed by other nodes' coordination). */
  public AccountRateLimits rateLimits() {
    return limits;
  }

  public TokenRefresher tokens() {
    return tokens;
  }

  AccountLifecycle lifecycle() {
    return lifecycle;
  }

  public Future<Void> close() {
    ProxyNodes.unregister(vertx, this);
    return Future.join(events.unregister(), clusterChanges.unregister()).mapEmpty();
  }

  Future<Account> load(String environmentId, String accountId) {
    return accounts.get(accountId).compose(a -> a.environmentId().equals(environmentId) ? Future.succeededFuture(a)
        : Future.failedFuture(FerryFailure.notFound("integrated account " + accountId + " not found")));
  }

  @Override
  public Future<ProxyResult> call(ProxyCall c) {
    return call(c, () -> false);
  }

  @Override
  public Future<ProxyResult> call(ProxyCall c, BooleanSupplier callerGone) {
    String[] integration = {"unknown"};
    return load(c.principal().environmentId(), c.accountId()).compose(account -> {
      integration[0] = account.integrationName();
      if ("_".equals(c.resource())) {
        return customAction(account, c);
      }
      MethodConfig mc = interpreter.method(account.configVersion(), account.effectiveConfig(), c.resource(), c.method());
      if (account.isSandbox() && mc.isWrite()) {
        return Future.failedFuture(new FerryFailure(ErrorCode.METHOD_NOT_ALLOWED, "sandbox accounts are read-only"));
      }
      if ("needs_reauth".equals(account.status())) {
        return Future.failedFuture(new FerryFailure(ErrorCode.UNAUTHORIZED,
            "the integrated account needs reauthorization: " + account.lastError()));
      }
      StreamPolicy policy = c.streaming() == null ? StreamPolicy.NEVER : c.streaming().forMethod(mc.isList());
      return pipeline.call(account, mc, c.input(), c.cursor(), c.maxWaitMillis(), callerGone, policy).compose(o -> {
        if (o.response().stream() != null) {
          return Future.succeededFuture(o.decision().error() == null ? ProxyAnswers.streamed(o) : ProxyAnswers.remoteError(o));
        }
        if (o.response().status() == 401 && o.refreshedAfter401()) {
          // a freshly refreshed token was refused too: the grant no longer works
          return markNeedsReauth(o.account(), "the upstream rejected the credentials (401)").map(a -> ProxyAnswers.remoteError(o));
        }
        ProxyResult unreadable = ProxyAnswers.unreadable(o, mc);
        return Future.succeededFuture(unreadable != null ? unreadable
            : o.decision().error() != null ? ProxyAnswers.remoteError(o) : ProxyAnswers.success(o));
      });
    }).recover(ProxyNode::answerFailure)
        .andThen(ar -> metrics.proxyCall(integration[0], c.resource(), c.method(),
            ar.succeeded() ? ar.result().status() : ar.cause() instanceof FerryFailure f ? f.code().status : 500));
  }

  /** Failures that are answers with headers (429 and 503 with Retry-After); the rest go to the error mapping. */
  private static Future<ProxyResult> answerFailure(Throwable e) {
    if (e instanceof RateLimitedFailure r) {
      return Future.succeededFuture(ProxyAnswers.rateLimited(r, null));
    }
    if (e instanceof TokenUnavailable t) {
      return Future.succeededFuture(new ProxyResult(503, Map.of("retry-after", Long.toString(t.retryAfterSeconds())),
          new JsonObject().put("statusCode", 503).put("error", ErrorCode.UNAVAILABLE.reason).put("message", t.getMessage())));
    }
    return Future.failedFuture(e);
  }

  private Future<ProxyResult> customAction(Account account, ProxyCall c) {
    JsonObject actions = account.effectiveConfig().getValue("actions") instanceof JsonObject a ? a : new JsonObject();
    if (!(actions.getValue(c.method()) instanceof JsonObject action)) {
      return Future.failedFuture(FerryFailure.notFound("unknown action '" + c.method() + "'; this integration has: "
          + String.join(", ", new TreeSet<>(actions.fieldNames()))));
    }
    if (account.isSandbox()) {
      return Future.failedFuture(new FerryFailure(ErrorCode.METHOD_NOT_ALLOWED, "sandbox accounts are read-only"));
    }
    return new ActionRunner(pipeline).run(account, c.method(), action, c.input())
        .compose(r -> (r.account() == account ? Future.succeededFuture(r.account())
            : persist(r.account(), List.of("integrated_account:updated")))
            .map(a -> new ProxyResult(200, Map.of(), r.output() == null ? new JsonObject() : r.output())));
  }

  /**
   * Stores an action's resulting account with its events on the newest row; tokens stay the newest stored ones (the
   * action's copy may predate a refresh, and writing back a rotated-away refresh token would lose the account).
   */
  Future<Account> persist(Account result, List<String> events) {
    return writes.modify(result.id(), latest -> reapply(result, latest), a -> events).andThen(ar -> {
      if (ar.succeeded()) {
        accounts.offer(ar.result());
      }
    });
  }

  static Account reapply(Account result, Account latest) {
    if (latest.version() == result.version()) {
      return result;
    }
    JsonObject context = result.context();
    Object oauth = latest.context().getValue("oauth");
    if (oauth != null) {
      context.put("oauth", oauth);
    }
    ContextSecrets.Split split = ContextSecrets.split(context, CredentialRules.of(latest.effectiveConfig()).passwordFields());
    return result.withContext(split.publicPart(), split.secretPart()).withVersion(latest.version());
  }

  Future<Account> markNeedsReauth(Account account, String reason) {
    return writes.modify(account.id(), a -> "needs_reauth".equals(a.status()) ? a : a.withStatus("needs_reauth", reason, a.lastActionResult()),
        a -> List.of("integrated_account:authentication_error")).andThen(ar -> {
          if (ar.succeeded()) {
            accounts.offer(ar.result());
          }
        });
  }
}
