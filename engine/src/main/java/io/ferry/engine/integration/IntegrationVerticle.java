package io.ferry.engine.integration;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.cluster.ClusterNotices;
import io.ferry.engine.cluster.Notice;
import io.ferry.engine.json.Json;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Integrations (definitions) and environment integrations (installs). Loads and validates the catalog at start: a
 * bad file fails the deployment with the file name and the JSON pointer.
 */
public final class IntegrationVerticle extends VerticleBase {

  private final IntegrationStore store;
  private final ConfigCheck configCheck;
  private final String integrationsDir;
  private final SchemaCheck createSchema = SchemaCheck.load("requests/integration.create.json");
  private final SchemaCheck updateSchema = SchemaCheck.load("requests/integration.update.json");
  private final SchemaCheck installSchema = SchemaCheck.load("requests/environment-integration.create.json");
  private final SchemaCheck installUpdateSchema = SchemaCheck.load("requests/environment-integration.update.json");

  public IntegrationVerticle(IntegrationStore store, ConfigCheck configCheck, String integrationsDir) {
    this.store = store;
    this.configCheck = configCheck;
    this.integrationsDir = integrationsDir;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> IntegrationCatalog.load(integrationsDir, configCheck))
        .compose(entries -> store.defaultTeam().compose(team -> store.syncCatalog(team, entries)))
        .compose(v -> Future.join(
            Bus.<ApiCall, ApiResult>serve(vertx, Addresses.INTEGRATION, this::integration).completion(),
            Bus.<ApiCall, ApiResult>serve(vertx, Addresses.ENVIRONMENT_INTEGRATION, this::install).completion()));
  }

  /** After the commit: caches drop the cascaded accounts and the outbox wakes for their events. */
  private ApiResult published(java.util.List<String[]> cascaded, JsonObject answer) {
    for (String[] a : cascaded) {
      vertx.eventBus().publish(Addresses.ACCOUNT_EVENTS, new io.ferry.engine.bus.AccountEvent("integrated_account:deleted", a[0], a[1],
          new JsonObject().put("id", a[1])), Bus.LOCAL);
    }
    return ApiResult.ok(answer);
  }

  private Future<ApiResult> integration(ApiCall call) {
    String team = call.principal().teamId();
    return switch (call.action()) {
      case "list" -> store.list(team, call.query("name")).map(IntegrationVerticle::page);
      case "get" -> store.get(team, call.id()).map(ApiResult::ok);
      // integrations are team-wide: what every environment's accounts send upstream, and where. Admin token only.
      case "create" -> {
        requireAdmin(call);
        createSchema.check(call.body());
        configCheck.check(call.body().getJsonObject("config"), "/config");
        yield store.create(team, call.body()).map(ApiResult::created);
      }
      case "update" -> store.get(team, call.id()).compose(known -> {
        requireAdmin(call);
        return announced(update(call), Notice.Kind.INTEGRATION, call.id());
      });
      case "delete" -> store.get(team, call.id()).compose(known -> {
        requireAdmin(call);
        java.util.List<String[]> cascaded = new java.util.ArrayList<>();
        return announced(store.delete(team, call.id(), cascaded).map(r -> published(cascaded, r)), Notice.Kind.INTEGRATION,
            call.id());
      });
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> update(ApiCall call) {
    JsonObject body = call.body();
    updateSchema.check(body);
    String team = call.principal().teamId();
    return store.row(team, call.id()).compose(row -> {
      JsonObject merged = new JsonObject()
          .put("name", body.getString("name", row.getString("name")))
          .put("category", body.containsKey("category") ? body.getString("category") : row.getString("category"))
          .put("is_beta", body.getBoolean("is_beta", row.getBoolean("is_beta")))
          .put("sharing", body.getString("sharing", row.getString("sharing")))
          .put("config", Json.deepMerge(Rows.json(row, "config"), body.getJsonObject("config") == null ? null
              : ConfigSecrets.withoutMasks(body.getJsonObject("config")), true)); // "********" keeps the stored secret
      configCheck.check(merged.getJsonObject("config"), "/config");
      Future<Void> nameFree = merged.getString("name").equals(row.getString("name")) ? Future.succeededFuture()
          : store.list(team, merged.getString("name")).compose(found -> found.isEmpty() ? Future.succeededFuture()
              : Future.failedFuture(FerryFailure.conflict("an integration named " + merged.getString("name") + " already exists")));
      return nameFree.compose(v -> store.update(team, call.id(), merged, body.getInteger("version")));
    }).map(ApiResult::ok);
  }

  private Future<ApiResult> install(ApiCall call) {
    String env = call.principal().environmentId();
    return switch (call.action()) {
      case "list" -> store.installs(env, call.query("integration_id"), call.query("integration.name"),
          call.query("is_enabled") == null ? null : Boolean.valueOf(call.query("is_enabled"))).map(IntegrationVerticle::page);
      case "get" -> store.install(env, call.id()).map(ApiResult::ok);
      case "create" -> {
        installSchema.check(call.body());
        String integrationId = call.body().getString("integration_id");
        yield store.row(call.principal().teamId(), integrationId)
            .recover(e -> Future.failedFuture(FerryFailure.isNotFound(e) ? FerryFailure.invalid("/integration_id", "no integration with this id") : e))
            .compose(row -> store.createInstall(env, call.body())).map(ApiResult::created);
      }
      case "update" -> {
        installUpdateSchema.check(call.body());
        yield announced(store.updateInstall(env, call.id(), call.body()).map(ApiResult::ok), Notice.Kind.INSTALL, call.id());
      }
      case "delete" -> {
        java.util.List<String[]> cascaded = new java.util.ArrayList<>();
        yield announced(store.deleteInstall(env, call.id(), cascaded).map(r -> published(cascaded, r)), Notice.Kind.INSTALL,
            call.id());
      }
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  /** 403 for an environment token: it may read integrations, not change them. */
  private static void requireAdmin(ApiCall call) {
    if (!call.principal().admin()) {
      throw new FerryFailure(io.ferry.engine.core.ErrorCode.FORBIDDEN,
          "integrations are shared by every environment: only the admin token may change them");
    }
  }

  /** After the commit, caches here and on the other nodes drop the accounts that embed the changed row; then answer. */
  private Future<ApiResult> announced(Future<ApiResult> change, Notice.Kind kind, String id) {
    return change.compose(r -> ClusterNotices.announce(vertx, Notice.of(kind, id)).map(r));
  }

  private static ApiResult page(JsonArray items) {
    return ApiResult.ok(new JsonObject().put("result", items).putNull("next_cursor").put("limit", items.size()));
  }
}
