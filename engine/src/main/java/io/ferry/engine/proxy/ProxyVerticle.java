package io.ferry.engine.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.cluster.Invalidations;
import io.ferry.engine.cluster.SharedAccountRateLimits;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.MethodConfig;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Serves {@code /proxy} calls and the account actions that talk upstream (refresh-credentials, post-install and
 * validation). One instance per shard ({@link ProxyShards}): an account's token single-flight and rate-limit state
 * live on its shard's event loop.
 */
public final class ProxyVerticle extends VerticleBase {
  /** Upstream calls one account may have in flight; more wait in line (within their max wait). */
  static final int MAX_IN_FLIGHT_PER_ACCOUNT = 64;

  private final AccountStore store;
  private final AccountWrites writes;
  private final ConfigInterpreter interpreter;
  private final boolean allowPrivate;
  private final long timeoutMillis;
  private final FerryMetrics metrics;
  private final int shard;
  private final int shards;
  private final Cache<String, Account> accounts = Caffeine.newBuilder().maximumSize(50_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();
  private ProxyPipeline pipeline;
  private TokenRefresher tokens;
  private AccountLifecycle lifecycle;

  public ProxyVerticle(AccountWrites writes, ConfigInterpreter interpreter, boolean allowPrivate, long timeoutMillis,
                       FerryMetrics metrics, int shard, int shards) {
    this.metrics = metrics;
    this.shard = shard;
    this.shards = shards;
    this.writes = writes;
    this.store = writes.store();
    this.interpreter = interpreter;
    this.allowPrivate = allowPrivate;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, ProxyCall.class, ProxyResult.class);
    UpstreamClient client = new UpstreamClient(vertx);
    SsrfGuard guard = new SsrfGuard(vertx, allowPrivate);
    tokens = new TokenRefresher(vertx, new TokenEndpoint(client, guard), a -> persist(a, List.of()), this::needsReauth,
        TokenRefresher.DEFAULT_SKEW, Backoff.DEFAULT, metrics);
    pipeline = new ProxyPipeline(vertx, interpreter, client, guard, SharedAccountRateLimits.create(vertx,
        new LocalAccountRateLimits(vertx, MAX_IN_FLIGHT_PER_ACCOUNT), id -> ProxyShards.of(id, shards) == shard), tokens,
        Backoff.DEFAULT, timeoutMillis, metrics);
    lifecycle = new AccountLifecycle(new ActionRunner(pipeline), this::persist);
    vertx.eventBus().<AccountEvent>localConsumer(Addresses.ACCOUNT_EVENTS, m -> onAccountEvent(m.body()));
    Invalidations.accounts(vertx, accounts::invalidate, accounts::invalidateAll); // changes made on other nodes
    return Future.join(
        Bus.<ProxyCall, ProxyResult>serve(vertx, ProxyShards.address(Addresses.PROXY_CALL, shard), this::call).completion(),
        Bus.<ApiCall, ApiResult>serve(vertx, ProxyShards.address(Addresses.PROXY_ACCOUNT_ACTIONS, shard), this::accountAction)
            .completion());
  }

  private void onAccountEvent(AccountEvent e) {
    if (!"integrated_account:changed".equals(e.event())) {
      accounts.invalidate(e.accountId());
    }
    if (e.event().equals("integrated_account:created") && "connecting".equals(e.payload().getString("status"))
        && ProxyShards.of(e.accountId(), shards) == shard) {
      store.getInAnyEnvironment(e.accountId()).compose(lifecycle::run);
    }
  }

  private Future<Account> load(String environmentId, String accountId) {
    Account cached = accounts.getIfPresent(accountId);
    Future<Account> found = cached != null ? Future.succeededFuture(cached) : store.getInAnyEnvironment(accountId)
        .andThen(ar -> {
          if (ar.succeeded()) {
            accounts.put(accountId, ar.result());
          }
        });
    return found.compose(a -> a.environmentId().equals(environmentId) ? Future.succeededFuture(a)
        : Future.failedFuture(FerryFailure.notFound("integrated account " + accountId + " not found")));
  }

  private Future<ProxyResult> call(ProxyCall c) {
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
      return pipeline.call(account, mc, c.input(), c.cursor(), c.maxWaitMillis()).compose(o -> {
        if (o.response().status() == 401) {
          return needsReauth(o.account().withStatus("needs_reauth", "the upstream rejected the credentials (401)",
              o.account().lastActionResult())).map(a -> ProxyAnswers.remoteError(o));
        }
        return Future.succeededFuture(o.decision().error() != null ? ProxyAnswers.remoteError(o) : ProxyAnswers.success(o));
      });
    }).recover(e -> e instanceof RateLimitedFailure r ? Future.succeededFuture(ProxyAnswers.rateLimited(r, null)) : Future.failedFuture(e))
        .andThen(ar -> metrics.proxyCall(integration[0], c.resource(), c.method(),
            ar.succeeded() ? ar.result().status() : ar.cause() instanceof FerryFailure f ? f.code().status : 500));
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

  private Future<ApiResult> accountAction(ApiCall call) {
    String id = call.body() == null ? null : call.body().getString("id");
    if (id == null || id.isBlank()) {
      return Future.failedFuture(FerryFailure.invalid("/id", "is required"));
    }
    return load(call.principal().environmentId(), id).compose(account -> switch (call.action()) {
      case "refresh-credentials" -> TokenRefresher.isOAuth(account.authenticationMethod())
          ? tokens.refresh(account).map(a -> ApiResult.ok(new JsonObject().put("success", true)))
          : Future.failedFuture(FerryFailure.badRequest("account uses " + account.authenticationMethod() + ", which has no token to refresh"));
      case "run-post-install-actions" -> lifecycle.run(account)
          .map(a -> ApiResult.ok(new JsonObject().put("success", "active".equals(a.status())).put("status", a.status())
              .put("last_error", a.lastError())));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    });
  }

  /** Writes the account with its events in one transaction; the cache gets the new state. */
  private Future<Account> persist(Account account, List<String> events) {
    return writes.update(account, events).andThen(ar -> {
      if (ar.succeeded()) {
        accounts.put(ar.result().id(), ar.result());
      }
    });
  }

  private Future<Account> needsReauth(Account account) {
    return persist(account, List.of("integrated_account:authentication_error"));
  }
}
