package io.ferry.engine.unified;

import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.cluster.ClusterNotices;
import io.ferry.engine.cluster.Invalidations;
import io.ferry.engine.cluster.Notice;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.Json;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Unified definitions: syncs the shipped models and mappings into the store at start (a bad file fails the start),
 * serves the admin CRUD of models, base mappings, environment mappings and accounts' overrides (each checked and every
 * expression compiled before anything is stored), and keeps the shared {@link UnifiedRegistry} current.
 */
public final class UnifiedVerticle extends VerticleBase {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnifiedVerticle.class);
  private final UnifiedRegistry registry;
  private final UnifiedStore store;
  private final String dir;
  private final SchemaCheck createMapping = SchemaCheck.load("requests/unified-mapping.create.json");
  private final SchemaCheck updateMapping = SchemaCheck.load("requests/unified-mapping.update.json");

  public UnifiedVerticle(UnifiedRegistry registry, String dir) {
    this.registry = registry;
    this.store = registry.store();
    this.dir = dir;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<AccountEvent>localConsumer(Addresses.ACCOUNT_EVENTS, m -> registry.forget(m.body().accountId()));
    Invalidations.accounts(vertx, registry::forget, registry::forgetAll); // account changes made on other nodes
    Invalidations.unified(vertx, () -> registry.reload() // admin writes made on other nodes
        .onFailure(e -> LOG.warn("Reloading the unified definitions failed: {}", e.getMessage())));
    long started = System.currentTimeMillis();
    return vertx.executeBlocking(() -> UnifiedFiles.load(dir))
        .compose(shipped -> {
          LOG.info("Unified models: {} shipped models and {} mappings checked in {} ms", shipped.models().size(),
              shipped.mappings().size(), System.currentTimeMillis() - started);
          return store.syncShipped(shipped);
        })
        .compose(v -> registry.reload())
        .compose(v -> Bus.<ApiCall, ApiResult>serve(vertx, Addresses.UNIFIED, this::handle).completion());
  }

  private Future<ApiResult> handle(ApiCall call) {
    String[] parts = call.action().split("\\.", 2);
    return switch (parts[0]) {
      case "model" -> models(call, parts[1]);
      case "mapping" -> mappings(call, parts[1], null);
      case "env-mapping" -> mappings(call, parts[1], call.principal().environmentId());
      case "account-override" -> accountOverride(call, parts[1]);
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> models(ApiCall call, String op) {
    Definitions d = registry.definitions();
    JsonObject existing = call.id() == null ? null : d.modelsById().getOrDefault(call.id(), d.modelsByName().get(call.id()));
    if (call.id() != null && existing == null) {
      return Future.failedFuture(FerryFailure.notFound("unified model " + call.id() + " not found"));
    }
    return switch (op) {
      case "list" -> Future.succeededFuture(ApiResult.ok(page(d.modelsByName().values(), call.query("name") == null ? null
          : new JsonObject().put("name", call.query("name")))));
      case "get" -> Future.succeededFuture(ApiResult.ok(existing));
      case "create" -> admin(call).compose(v -> {
        JsonObject body = call.body();
        UnifiedChecks.require(UnifiedChecks.modelFailures(body));
        if (d.modelsByName().containsKey(body.getString("name"))) {
          throw FerryFailure.conflict("a unified model named " + body.getString("name") + " exists");
        }
        return store.insertModel(body, "api").compose(x -> changed())
            .map(nd -> ApiResult.created(nd.modelsByName().get(body.getString("name"))));
      });
      case "update" -> admin(call).compose(v -> {
        JsonObject body = call.body().copy();
        Integer version = body.getInteger("version");
        if (version != null && !version.equals(existing.getInteger("version"))) {
          throw FerryFailure.conflict("version " + version + " is stale; the model is at " + existing.getInteger("version"));
        }
        body.remove("version");
        JsonObject merged = Json.deepMerge(modelBody(existing), body, true);
        UnifiedChecks.require(UnifiedChecks.modelFailures(merged));
        return store.updateModel(existing, merged, "api").compose(x -> changed())
            .map(nd -> ApiResult.ok(nd.modelsById().get(existing.getString("id"))));
      });
      case "delete" -> admin(call).compose(v -> store.deleteModel(existing.getString("id"))).compose(x -> changed())
          .map(nd -> ApiResult.ok(new JsonObject().put("id", existing.getString("id"))));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> mappings(ApiCall call, String op, String env) {
    Definitions d = registry.definitions();
    var rows = env == null ? d.base().values() : d.environment().values().stream()
        .filter(r -> env.equals(r.getString("environment_id"))).toList();
    JsonObject existing = call.id() == null ? null
        : rows.stream().filter(r -> call.id().equals(r.getString("id"))).findFirst().orElse(null);
    if (call.id() != null && existing == null) {
      return Future.failedFuture(FerryFailure.notFound("unified mapping " + call.id() + " not found"));
    }
    Future<Void> allowed = env == null && !op.equals("list") && !op.equals("get") ? admin(call) : Future.succeededFuture();
    return allowed.compose(v -> switch (op) {
      case "list" -> Future.succeededFuture(ApiResult.ok(page(rows, filters(call))));
      case "get" -> Future.succeededFuture(ApiResult.ok(existing));
      case "create" -> {
        JsonObject body = call.body();
        createMapping.check(body);
        checkTarget(d, body);
        UnifiedChecks.require(UnifiedChecks.mappingFailures(body.getJsonObject("config"), "/config"));
        yield store.insertMapping(env, body).compose(id -> changed().map(nd -> ApiResult.created(find(nd, env, id))));
      }
      case "update" -> {
        updateMapping.check(call.body());
        JsonObject merged = Json.deepMerge(existing.getJsonObject("config"), call.body().getJsonObject("config"), true);
        UnifiedChecks.require(UnifiedChecks.mappingFailures(merged, "/config"));
        Future<Void> write = env == null ? store.updateMapping(existing.getString("id"), merged, "api")
            : store.updateEnvironmentMapping(env, existing.getString("id"), merged);
        yield write.compose(x -> changed()).map(nd -> ApiResult.ok(find(nd, env, existing.getString("id"))));
      }
      case "delete" -> store.deleteMapping(env, existing.getString("id")).compose(x -> changed())
          .map(nd -> ApiResult.ok(new JsonObject().put("id", existing.getString("id"))));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    });
  }

  /**
   * {@code get}: an account's {@code unified_model_override} (null when none); {@code check}: validate one; {@code set}:
   * store it (null clears).
   */
  private Future<ApiResult> accountOverride(ApiCall call, String op) {
    if ("get".equals(op)) {
      return store.accountOverride(call.id()).map(o -> ApiResult.ok(new JsonObject().put("unified_model_override", o)));
    }
    Object value = call.body().getValue("unified_model_override");
    if (value != null) {
      UnifiedChecks.require(UnifiedChecks.overrideFailures((JsonObject) value, "/unified_model_override"));
    }
    if ("check".equals(op)) {
      return Future.succeededFuture(ApiResult.ok(new JsonObject()));
    }
    return store.setAccountOverride(call.id(), (JsonObject) value)
        .compose(v -> ClusterNotices.announce(vertx, Notice.of(Notice.Kind.ACCOUNT, call.id()))) // here and on other nodes
        .map(v -> ApiResult.ok(new JsonObject().put("unified_model_override", value)));
  }

  /**
   * After an admin write: this node's snapshot is reloaded, then the other nodes are told to reload theirs (the answer
   * waits, bounded, for them to have queued it).
   */
  private Future<Definitions> changed() {
    return registry.reload().compose(d -> ClusterNotices.announce(vertx, Notice.of(Notice.Kind.UNIFIED, null)).map(d));
  }

  private static void checkTarget(Definitions d, JsonObject body) {
    JsonObject model = d.modelsById().get(body.getString("unified_model_id"));
    if (model == null) {
      throw FerryFailure.invalid("/unified_model_id", "no unified model with this id; models: "
          + String.join(", ", new TreeSet<>(d.modelsByName().keySet())));
    }
    JsonObject resources = model.getJsonObject("resources");
    if (!(resources.getValue(body.getString("resource_name")) instanceof JsonObject resource)) {
      throw FerryFailure.invalid("/resource_name", "model " + model.getString("name") + " has resources: "
          + String.join(", ", new TreeSet<>(resources.fieldNames())));
    }
    if (!resource.getJsonArray("methods").contains(body.getString("method_name"))) {
      throw FerryFailure.invalid("/method_name", "resource " + body.getString("resource_name") + " has methods: "
          + resource.getJsonArray("methods").encode());
    }
  }

  private static JsonObject find(Definitions d, String env, String id) {
    return (env == null ? d.base().values() : d.environment().values()).stream()
        .filter(r -> id.equals(r.getString("id"))).findFirst().orElseThrow();
  }

  private static JsonObject filters(ApiCall call) {
    JsonObject f = new JsonObject();
    for (String k : new String[] {"unified_model_id", "model_name", "resource_name", "integration_name", "method_name"}) {
      if (call.query(k) != null) {
        f.put(k, call.query(k));
      }
    }
    return f;
  }

  private static JsonObject page(java.util.Collection<JsonObject> rows, JsonObject filters) {
    JsonArray out = new JsonArray();
    rows.stream().filter(r -> filters == null || filters.stream().allMatch(e -> e.getValue().equals(r.getValue(e.getKey()))))
        .sorted(Comparator.comparing(r -> r.getString("created_at") + r.getString("id"))).forEach(out::add);
    return new JsonObject().put("result", out).put("next_cursor", (String) null);
  }

  private static JsonObject modelBody(JsonObject m) {
    JsonObject out = new JsonObject().put("name", m.getString("name")).put("resources", m.getJsonObject("resources").copy());
    for (String k : new String[] {"category", "description"}) {
      if (m.getString(k) != null) {
        out.put(k, m.getString(k));
      }
    }
    return out;
  }

  private static Future<Void> admin(ApiCall call) {
    return call.principal().admin() ? Future.succeededFuture()
        : Future.failedFuture(new FerryFailure(ErrorCode.FORBIDDEN, "only the admin token may change shared unified models and mappings"));
  }
}
