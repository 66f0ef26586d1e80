package io.ferry.engine.interpreter;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Folds integration-level values into each resource method; cached by config version so it runs once per change. */
public final class MethodResolver {

  private final Cache<String, MethodConfig> cache = Caches.builder().maximumSize(10_000).build();

  /**
   * @param versionKey identifies this exact effective config (integration id + version + install update time); the
   *                   same key must always come with the same config
   */
  public MethodConfig resolve(String versionKey, JsonObject config, String resource, String method) {
    String key = versionKey + "|" + resource + "|" + method;
    MethodConfig cached = cache.getIfPresent(key);
    if (cached == null) {
      cached = build(config, resource, method);
      cache.put(key, cached);
    }
    return cached;
  }

  public static MethodConfig build(JsonObject config, String resource, String method) {
    JsonObject resources = config.getValue("resources") instanceof JsonObject r ? r : new JsonObject();
    if (!(resources.getValue(resource) instanceof JsonObject methods)) {
      throw FerryFailure.notFound("unknown resource '" + resource + "'; this integration has: "
          + String.join(", ", new TreeSet<>(resources.fieldNames())));
    }
    if (!(methods.getValue(method) instanceof JsonObject m)) {
      throw FerryFailure.notFound("resource '" + resource + "' has no method '" + method + "'; it has: "
          + String.join(", ", new TreeSet<>(methods.fieldNames())));
    }
    return of(config, resource, method, m);
  }

  /** Also used for action steps of type {@code request}, whose config has the same shape as a method. */
  public static MethodConfig of(JsonObject config, String resource, String method, JsonObject m) {
    JsonObject headers = merged(config.getJsonObject("headers"), m.getValue("headers"));
    JsonObject query = merged(config.getValue("query") instanceof JsonObject q ? q : null, m.getValue("query"));
    int maxPages = m.getInteger("max_pages", config.getInteger("max_pages", MethodConfig.DEFAULT_MAX_PAGES));
    String defaultVerb = switch (method) {
      case "create" -> "post";
      case "update" -> "patch";
      case "delete" -> "delete";
      case "list", "get" -> "get";
      default -> "post";
    };
    return new MethodConfig(resource, method,
        m.getString("method", defaultVerb).toUpperCase(Locale.ROOT),
        m.getString("base_url", config.getString("base_url", "")),
        m.getString("path", ""),
        headers, query,
        m.getString("query_array_format", config.getString("query_array_format", "indices")),
        m.getValue("body"),
        m.getString("body_format", "json"),
        m.getString("response_path"),
        inherited(config, m, "pagination"),
        inherited(config, m, "authorization"),
        inherited(config, m, "rate_limit"),
        m.containsKey("error_expression") ? m.getString("error_expression") : config.getString("error_expression"),
        m.getBoolean("no_auth", false) || isNoAuth(inherited(config, m, "authorization")),
        maxPages);
  }

  private static boolean isNoAuth(JsonObject authorization) {
    return authorization != null && "no_auth".equals(authorization.getString("format"));
  }

  /** Method value if the key is present (an explicit null disables), else the integration value. */
  private static JsonObject inherited(JsonObject config, JsonObject m, String key) {
    if (m.containsKey(key)) {
      return m.getValue(key) instanceof JsonObject o ? o : null;
    }
    return config.getValue(key) instanceof JsonObject o ? o : null;
  }

  /** Integration values, then method values; a null value keeps the key with null, meaning "remove". */
  private static JsonObject merged(JsonObject base, Object overlay) {
    JsonObject out = base == null ? new JsonObject() : base.copy();
    if (overlay instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        out.put(e.getKey(), Json.copyValue(e.getValue()));
      }
    }
    return out;
  }
}
