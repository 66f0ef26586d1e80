package io.ferry.engine.connect;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountImport;
import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.account.ContextPatch;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.Principal;
import io.ferry.engine.proxy.ProxyShards;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns connected credentials into an account through the same write path as an import ({@link AccountImport},
 * {@link AccountWrites}: events in the outbox, post_install/validation on the proxy shard), or updates the account of
 * a reconnect link. Waits (bounded) for post_install/validation to finish, so the customer and the SDK hear the outcome.
 */
final class AccountConnector {
  static final long SETTLE_TIMEOUT_MILLIS = 30_000;
  private static final Set<String> SETTLED = Set.of("integrated_account:active", "integrated_account:post_install_error",
      "integrated_account:validation_error");

  private final Vertx vertx;
  private final AccountWrites writes;
  private final int proxyShards;

  private final io.ferry.engine.integration.ConfigSecrets configSecrets;

  AccountConnector(Vertx vertx, AccountWrites writes, int proxyShards, io.ferry.engine.integration.ConfigSecrets configSecrets) {
    this.configSecrets = configSecrets;
    this.vertx = vertx;
    this.writes = writes;
    this.proxyShards = proxyShards;
  }

  /** The connected account, its status settled (or still {@code connecting} after the timeout). */
  Future<Account> connect(LinkToken t, Row installRow, String method, JsonObject context) {
    JsonObject merged = context.copy().mergeIn(t.context()); // the app's link-token context wins
    return t.reconnect() ? reconnect(t, method, merged) : create(t, installRow, method, merged);
  }

  private Future<Account> create(LinkToken t, Row installRow, String method, JsonObject context) {
    JsonObject body = new JsonObject().put("tenant_id", t.tenantId()).put("environment_integration_id", installRow.getString("id"))
        .put("context", context).put("authentication_method", method).put("region", t.region());
    Account a;
    try {
      a = AccountImport.of(body, t.environmentId(), installRow, configSecrets).account();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    boolean active = "active".equals(a.status());
    List<String> events = active ? List.of("integrated_account:created", "integrated_account:active") : List.of("integrated_account:created");
    if (active) {
      return writes.insert(a, events);
    }
    return settled(a.id(), () -> writes.insert(a, events).mapEmpty()).compose(v -> writes.store().get(a.environmentId(), a.id()));
  }

  private Future<Account> reconnect(LinkToken t, String method, JsonObject context) {
    return writes.store().get(t.environmentId(), t.integratedAccountId()).compose(old -> {
      Account patched = ContextPatch.shallow(old, context).withTenantAndMethod(old.tenantId(), method);
      boolean lifecycle = hasLifecycleActions(patched.effectiveConfig());
      List<String> events = new ArrayList<>(List.of("integrated_account:updated"));
      if (!"active".equals(old.status())) {
        events.add("integrated_account:reactivated");
      }
      Future<Account> saved = writes.update(patched.withStatus(lifecycle ? "connecting" : "active", null, old.lastActionResult()), events);
      if (!lifecycle) {
        return saved;
      }
      Principal principal = new Principal(null, t.environmentId(), null, false);
      return saved.compose(a -> Bus.request(vertx, ProxyShards.address(Addresses.PROXY_ACCOUNT_ACTIONS, a.id(), proxyShards),
              ApiCall.of("run-post-install-actions", principal).withBody(new JsonObject().put("id", a.id()))))
          .compose(r -> writes.store().get(t.environmentId(), t.integratedAccountId()));
    });
  }

  /** Runs {@code write} with a listener already in place for the account's settling event. */
  private Future<Void> settled(String accountId, java.util.function.Supplier<Future<Void>> write) {
    Promise<Void> done = Promise.promise();
    MessageConsumer<AccountEvent> consumer = vertx.eventBus().localConsumer(Addresses.ACCOUNT_EVENTS, m -> {
      if (accountId.equals(m.body().accountId()) && SETTLED.contains(m.body().event())) {
        done.tryComplete();
      }
    });
    long timer = vertx.setTimer(SETTLE_TIMEOUT_MILLIS, id -> done.tryComplete());
    done.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      consumer.unregister();
    });
    return consumer.completion().compose(v -> write.get()).onFailure(done::tryFail).compose(v -> done.future());
  }

  static boolean hasLifecycleActions(JsonObject effectiveConfig) {
    return effectiveConfig.getValue("actions") instanceof JsonObject actions
        && (actions.getValue("post_install") != null || actions.getValue("validation") != null);
  }
}
