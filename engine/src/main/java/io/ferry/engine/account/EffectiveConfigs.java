package io.ferry.engine.account;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * Effective configs (integration config + install override), merged once per config version. Cached per thread so a
 * merged object is only ever read by the event loop that made it (Vert.x JSON is not safe to share).
 */
final class EffectiveConfigs {
  private static final ThreadLocal<Cache<String, JsonObject>> CACHE =
      ThreadLocal.withInitial(() -> Caches.builder().maximumSize(1_000).build());

  private EffectiveConfigs() {
  }

  static JsonObject of(Account a) {
    return CACHE.get().get(a.configVersion(),
        k -> Json.deepMerge(a.integration().getJsonObject("config"), a.install().getJsonObject("override"), false));
  }
}
