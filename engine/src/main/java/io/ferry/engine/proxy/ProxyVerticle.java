package io.ferry.engine.proxy;

import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * The proxy's lifecycle work, over the bus: the account actions that talk upstream (refresh-credentials,
 * run-post-install-actions) and post-install/validation of new {@code connecting} accounts. One instance per shard
 * ({@link ProxyShards}) so that work spreads over the event loops; proxy calls themselves do not come here (they run
 * in process on the event loop that accepted them, {@link ProxyNode}).
 */
public final class ProxyVerticle extends VerticleBase {
  private final ProxyNode node;
  private final AccountStore store;
  private final int shard;
  private final int shards;

  public ProxyVerticle(ProxyNode node, AccountStore store, int shard, int shards) {
    this.node = node;
    this.store = store;
    this.shard = shard;
    this.shards = shards;
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, ProxyCall.class, ProxyResult.class);
    vertx.eventBus().<AccountEvent>localConsumer(Addresses.ACCOUNT_EVENTS, m -> onAccountEvent(m.body()));
    return Bus.<ApiCall, ApiResult>serve(vertx, ProxyShards.address(Addresses.PROXY_ACCOUNT_ACTIONS, shard), this::accountAction)
        .completion();
  }

  private void onAccountEvent(AccountEvent e) {
    if (e.event().equals("integrated_account:created") && "connecting".equals(e.payload().getString("status"))
        && ProxyShards.of(e.accountId(), shards) == shard) {
      store.getInAnyEnvironment(e.accountId()).compose(node.lifecycle()::run);
    }
  }

  private Future<ApiResult> accountAction(ApiCall call) {
    String id = call.body() == null ? null : call.body().getString("id");
    if (id == null || id.isBlank()) {
      return Future.failedFuture(FerryFailure.invalid("/id", "is required"));
    }
    return node.load(call.principal().environmentId(), id).compose(account -> switch (call.action()) {
      case "refresh-credentials" -> TokenRefresher.isOAuth(account.authenticationMethod())
          ? node.tokens().refresh(account).map(a -> ApiResult.ok(new JsonObject().put("success", true)))
          : Future.failedFuture(FerryFailure.badRequest("account uses " + account.authenticationMethod() + ", which has no token to refresh"));
      case "run-post-install-actions" -> node.lifecycle().run(account)
          .map(a -> ApiResult.ok(new JsonObject().put("success", "active".equals(a.status())).put("status", a.status())
              .put("last_error", a.lastError())));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    });
  }
}
