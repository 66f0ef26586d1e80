package io.ferry.engine.account;

import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Integrated accounts: import, read, list, update, delete. Every change is committed before the answer. */
public final class AccountVerticle extends VerticleBase {

  private final AccountStore accounts;
  private final IntegrationStore integrations;
  private final SchemaCheck createSchema = SchemaCheck.load("requests/integrated-account.create.json");
  private final SchemaCheck updateSchema = SchemaCheck.load("requests/integrated-account.update.json");

  public AccountVerticle(AccountStore accounts, IntegrationStore integrations) {
    this.accounts = accounts;
    this.integrations = integrations;
  }

  @Override
  public Future<?> start() {
    return Bus.<ApiCall, ApiResult>serve(vertx, Addresses.ACCOUNT, this::handle).completion();
  }

  private Future<ApiResult> handle(ApiCall call) {
    String env = call.principal().environmentId();
    return switch (call.action()) {
      case "create" -> create(call);
      case "get" -> accounts.get(env, call.id()).map(a -> ApiResult.ok(AccountJson.of(a)));
      case "list" -> AccountListing.list(accounts, env, call.query()).map(ApiResult::ok);
      case "update" -> update(call);
      case "update-credentials" -> updateCredentials(call);
      case "delete" -> accounts.get(env, call.id())
          .compose(a -> accounts.delete(accounts.database().pool(), env, a.id()).map(a))
          .map(a -> {
            publish("integrated_account:deleted", a, new JsonObject().put("id", a.id()));
            return ApiResult.ok(new JsonObject().put("id", a.id()));
          });
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> create(ApiCall call) {
    JsonObject body = call.body();
    createSchema.check(body);
    String env = call.principal().environmentId();
    String installId = body.getString("environment_integration_id");
    return integrations.installRow(env, installId)
        .recover(e -> Future.failedFuture(FerryFailure.invalid("/environment_integration_id",
            "no environment integration with this id in this environment")))
        .compose(row -> {
          AccountImport imported = AccountImport.of(body, env, row);
          return accounts.insert(accounts.database().pool(), imported.account()).map(imported.account());
        })
        .compose(a -> accounts.get(env, a.id()))
        .map(a -> {
          publish("integrated_account:created", a, AccountJson.of(a));
          if ("active".equals(a.status())) {
            publish("integrated_account:active", a, AccountJson.of(a));
          }
          return ApiResult.created(AccountJson.of(a));
        });
  }

  private Future<ApiResult> update(ApiCall call) {
    JsonObject body = call.body();
    updateSchema.check(body);
    return accounts.get(call.principal().environmentId(), call.id()).compose(a -> {
      Account changed = a.withTenantAndMethod(body.getString("tenant_id", a.tenantId()),
          body.getString("authentication_method", a.authenticationMethod()));
      if (body.getJsonObject("context") != null) {
        changed = ContextPatch.shallow(changed, body.getJsonObject("context"));
      }
      return save(changed);
    });
  }

  private Future<ApiResult> updateCredentials(ApiCall call) {
    JsonObject body = call.body();
    JsonObject credentials = body.getValue("context") instanceof JsonObject wrapped && body.size() == 1 ? wrapped : body;
    return accounts.get(call.principal().environmentId(), call.id())
        .compose(a -> {
          Account patched = ContextPatch.credentials(a, credentials);
          // new credentials are a reconnect: an account waiting for them is usable again
          return save("needs_reauth".equals(a.status()) ? patched.withStatus("active", null, a.lastActionResult()) : patched);
        });
  }

  private Future<ApiResult> save(Account changed) {
    Account stamped = changed.withUpdatedAt(System.currentTimeMillis());
    return accounts.update(accounts.database().pool(), stamped)
        .compose(v -> accounts.get(stamped.environmentId(), stamped.id()))
        .map(a -> {
          publish("integrated_account:updated", a, AccountJson.of(a));
          return ApiResult.ok(AccountJson.of(a));
        });
  }

  private void publish(String event, Account a, JsonObject payload) {
    vertx.eventBus().publish(Addresses.ACCOUNT_EVENTS, new AccountEvent(event, a.environmentId(), a.id(), payload), Bus.LOCAL);
  }
}
