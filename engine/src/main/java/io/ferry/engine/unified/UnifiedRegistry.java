package io.ferry.engine.unified;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * What unified calls read on every request, held in memory and shared by the admin verticle (which replaces it after
 * each write) and the HTTP instances: the {@link Definitions} snapshot and a cache of the accounts' integration,
 * public context and {@code unified_model_override} (dropped on every account event and override write).
 */
public final class UnifiedRegistry {

  /**
   * What a unified call needs of an account. The context is the masked public one: mappings never see secrets.
   * {@code merged} keeps the account's merged mappings per model, resource and method for one {@link Definitions}
   * snapshot (the account entry itself goes when the account or its override changes), so a call does not merge and
   * copy the layers again.
   */
  public record UnifiedAccount(String id, String environmentId, String integration, JsonObject context, JsonObject override,
                               java.util.concurrent.ConcurrentHashMap<String, Merged> merged) {

    public UnifiedAccount(String id, String environmentId, String integration, JsonObject context, JsonObject override) {
      this(id, environmentId, integration, context, override, new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** The merged mapping of {@code model.resource.method} under {@code d} (treat as read-only). */
    JsonObject mapping(Definitions d, String model, String resource, String method) {
      String key = model + "|" + resource + "|" + method;
      Merged m = merged.get(key);
      if (m == null || m.definitions() != d) {
        m = new Merged(d, MappingLayers.resolve(d, environmentId, integration, model, resource, method, override));
        if (merged.size() < 256) {
          merged.put(key, m);
        }
      }
      return m.config();
    }
  }

  /** A merged mapping and the definitions snapshot it was merged from. */
  public record Merged(Definitions definitions, JsonObject config) {
  }

  private final UnifiedStore store;
  private final Cache<String, UnifiedAccount> accounts = Caches.builder().maximumSize(50_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();
  private volatile Definitions definitions = Definitions.EMPTY;

  public UnifiedRegistry(UnifiedStore store) {
    this.store = store;
  }

  public Definitions definitions() {
    return definitions;
  }

  UnifiedStore store() {
    return store;
  }

  Future<Definitions> reload() {
    return store.load().map(d -> definitions = d);
  }

  void forget(String accountId) {
    accounts.invalidate(accountId);
  }

  void forgetAll() {
    accounts.invalidateAll();
  }

  /** The account as the caller's environment sees it (404 for another environment's), cached. */
  public Future<UnifiedAccount> account(Vertx vertx, Principal principal, String accountId) {
    UnifiedAccount cached = accounts.getIfPresent(accountId);
    if (cached != null) {
      return cached.environmentId().equals(principal.environmentId()) ? Future.succeededFuture(cached)
          : Future.failedFuture(FerryFailure.notFound("integrated account " + accountId + " not found"));
    }
    return Bus.<ApiResult>request(vertx, Addresses.ACCOUNT, ApiCall.of("get", principal).withId(accountId))
        .map(r -> {
          // the account's read carries its unified_model_override (AccountVerticle asks the unified verticle)
          JsonObject a = (JsonObject) r.body();
          UnifiedAccount ua = new UnifiedAccount(accountId, a.getString("environment_id"),
              a.getJsonObject("integration").getString("name"), a.getJsonObject("context", new JsonObject()),
              a.getJsonObject("unified_model_override", new JsonObject()));
          accounts.put(accountId, ua);
          return ua;
        });
  }
}
