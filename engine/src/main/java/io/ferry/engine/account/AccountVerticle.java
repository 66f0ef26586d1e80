package io.ferry.engine.account;

import io.ferry.engine.audit.AuditRecords;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Integrated accounts: import, read, list, update, delete. Every change is committed before the answer. */
public final class AccountVerticle extends VerticleBase {

  private final AccountStore accounts;
  private final AccountWrites writes;
  private final IntegrationStore integrations;
  private final SchemaCheck createSchema = SchemaCheck.load("requests/integrated-account.create.json");
  private final SchemaCheck updateSchema = SchemaCheck.load("requests/integrated-account.update.json");
  private BulkImport bulkImport;
  /** Single imports: concurrent ones share transactions on the embedded store ({@link AccountWrites#importer}). */
  private java.util.function.Function<AccountWrites.Change, Future<Account>> imports;
  private final SchemaCheck bulkDeleteSchema = SchemaCheck.load("requests/integrated-account.bulk-delete.json");

  public AccountVerticle(AccountWrites writes, IntegrationStore integrations) {
    this.writes = writes;
    this.accounts = writes.store();
    this.integrations = integrations;
  }

  @Override
  public Future<?> start() {
    bulkImport = new BulkImport(writes, integrations, createSchema);
    imports = writes.importer();
    return Bus.<ApiCall, ApiResult>serve(vertx, Addresses.ACCOUNT, this::handle).completion();
  }

  private Future<ApiResult> handle(ApiCall call) {
    String env = call.principal().environmentId();
    return switch (call.action()) {
      case "create" -> create(call);
      case "get" -> accounts.get(env, call.id()).compose(a -> withOverride(call, AccountJson.of(a))).map(ApiResult::ok);
      case "list" -> AccountListing.list(accounts, env, call.query()).map(ApiResult::ok);
      case "update" -> update(call);
      case "update-credentials" -> updateCredentials(call);
      case "explain" -> accounts.get(env, call.id())
          .compose(a -> Bus.<JsonObject>request(vertx, io.ferry.engine.bus.Addresses.INTERPRETER_EXPLAIN,
              AccountExplain.of(a, call.query(), System.currentTimeMillis())))
          .map(ApiResult::ok);
      case "bulk-import" -> bulkImport.run(env, call.body().getString("import"), call.body().getJsonArray("lines"))
          .map(ApiResult::ok);
      case "bulk-delete" -> {
        bulkDeleteSchema.check(call.body());
        yield BulkDelete.run(accounts, writes, env, call.body())
            .map(n -> ApiResult.ok(new JsonObject().put("success", true).put("deleted_count", n)));
      }
      case "delete" -> accounts.get(env, call.id()).compose(writes::delete)
          .map(a -> ApiResult.ok(new JsonObject().put("id", a.id())));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> create(ApiCall call) {
    JsonObject body = call.body();
    createSchema.check(body);
    if (body.getValue("unified_model_override") != null) {
      // checked (expressions compiled) before the account exists, stored once it does
      JsonObject layer = new JsonObject().put("unified_model_override", body.getValue("unified_model_override"));
      JsonObject rest = body.copy();
      rest.remove("unified_model_override");
      return Bus.<ApiResult>request(vertx, Addresses.UNIFIED, ApiCall.of("account-override.check", call.principal()).withBody(layer))
          .compose(ok -> insert(call, rest))
          .compose(r -> {
            JsonObject created = (JsonObject) r.body();
            return Bus.<ApiResult>request(vertx, Addresses.UNIFIED, ApiCall.of("account-override.set", call.principal())
                .withId(created.getString("id")).withBody(layer))
                .map(o -> r.withBody(created.put("unified_model_override", layer.getValue("unified_model_override"))));
          });
    }
    JsonObject plain = body.copy();
    plain.remove("unified_model_override");
    return insert(call, plain);
  }

  /** The account as read, plus its {@code unified_model_override} when one is set (owned by the unified verticle). */
  private Future<JsonObject> withOverride(ApiCall call, JsonObject account) {
    return Bus.<ApiResult>request(vertx, Addresses.UNIFIED, ApiCall.of("account-override.get", call.principal()).withId(call.id()))
        .map(r -> {
          Object layer = ((JsonObject) r.body()).getValue("unified_model_override");
          return layer == null ? account : account.put("unified_model_override", layer);
        });
  }

  private Future<ApiResult> insert(ApiCall call, JsonObject body) {
    String env = call.principal().environmentId();
    String installId = body.getString("environment_integration_id");
    return integrations.installRow(env, installId)
        .recover(e -> Future.failedFuture(FerryFailure.isNotFound(e) ? FerryFailure.invalid("/environment_integration_id",
            "no environment integration with this id in this environment") : e))
        .compose(row -> {
          Account a = AccountImport.of(body, env, row, integrations.configSecrets()).account();
          List<String> events = "active".equals(a.status())
              ? List.of("integrated_account:created", "integrated_account:active") : List.of("integrated_account:created");
          // an admin's import carries its audit record into its own commit (the edge then records none)
          Map<String, Object> audit = call.principal().admin()
              ? AuditRecords.row(call.principal(), "create", "integrated-account", a.id()) : null;
          return imports.apply(new AccountWrites.Change(a, events, audit))
              .map(saved -> new ApiResult(201, AccountJson.of(saved), audit != null)); // the committed state: no read-back
        });
  }

  private Future<ApiResult> update(ApiCall call) {
    JsonObject body = call.body();
    updateSchema.check(body);
    if (body.containsKey("unified_model_override")) {
      // owned by the unified feature: checked (expressions compiled) before the account changes, stored after
      ApiCall unified = ApiCall.of("account-override.check", call.principal()).withId(call.id())
          .withBody(new JsonObject().put("unified_model_override", body.getValue("unified_model_override")));
      return Bus.<ApiResult>request(vertx, Addresses.UNIFIED, unified)
          .compose(ok -> updateAccount(call, body))
          .compose(r -> Bus.<ApiResult>request(vertx, Addresses.UNIFIED, ApiCall.of("account-override.set", call.principal())
              .withId(call.id()).withBody(unified.body()))
              .map(o -> ApiResult.ok(((JsonObject) r.body()).put("unified_model_override", body.getValue("unified_model_override")))));
    }
    return updateAccount(call, body);
  }

  private Future<ApiResult> updateAccount(ApiCall call, JsonObject body) {
    // checked in the caller's environment, then applied to the newest row (re-applied if a refresh wrote first)
    return accounts.get(call.principal().environmentId(), call.id()).compose(found -> save(found.id(), a -> {
      Account changed = a.withTenantAndMethod(body.getString("tenant_id", a.tenantId()),
          body.getString("authentication_method", a.authenticationMethod()));
      return body.getJsonObject("context") != null ? ContextPatch.shallow(changed, body.getJsonObject("context")) : changed;
    }));
  }

  private Future<ApiResult> updateCredentials(ApiCall call) {
    JsonObject body = call.body();
    JsonObject credentials = body.getValue("context") instanceof JsonObject wrapped && body.size() == 1 ? wrapped : body;
    return accounts.get(call.principal().environmentId(), call.id())
        .compose(found -> save(found.id(), a -> {
          Account patched = ContextPatch.credentials(a, credentials);
          // new credentials are a reconnect: an account waiting for them is usable again
          return "needs_reauth".equals(a.status()) ? patched.withStatus("active", null, a.lastActionResult()) : patched;
        }));
  }

  private Future<ApiResult> save(String id, java.util.function.UnaryOperator<Account> change) {
    return writes.modify(id, change, a -> List.of("integrated_account:updated")).map(a -> ApiResult.ok(AccountJson.of(a)));
  }
}
