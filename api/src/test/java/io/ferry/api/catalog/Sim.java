package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Shared helpers for the provider simulators: a fixed data set, JSON answers, and one throttled answer per path. */
final class Sim {
  static final int TOTAL = 7;
  private final Set<String> throttled = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, SimStore> stores = new ConcurrentHashMap<>();

  /** Records {@code prefix-0 .. prefix-6} of a resource, each with an id field named {@code idField}. */
  static JsonArray records(String prefix, String idField, int from, int count) {
    JsonArray out = new JsonArray();
    for (int i = from; i < Math.min(TOTAL, from + count); i++) {
      out.add(new JsonObject().put(idField, prefix + "-" + i).put("name", prefix + " " + i));
    }
    return out;
  }

  static int intParam(RoutingContext ctx, String name, int dflt) {
    String v = ctx.request().getParam(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(io.vertx.core.json.Json.encode(body));
  }

  /** True exactly once per key: the first call to a path is answered with the provider's throttling response. */
  boolean firstTime(String key) {
    return throttled.add(key);
  }

  /** Whether the throttling response for {@code key} was sent. */
  boolean throttled(String key) {
    return throttled.contains(key);
  }

  static String base(RoutingContext ctx) {
    return "http://" + ctx.request().authority();
  }

  /** The provider-shaped records of one resource of this simulator, seeded on first use. */
  SimStore store(String resource, String prefix, String idField, java.util.function.IntFunction<JsonObject> seed) {
    return stores.computeIfAbsent(resource, r -> new SimStore(prefix, idField, seed));
  }

  static JsonObject bodyOf(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
  }

  /** An ISO timestamp on day {@code i + 1} of a month in 2024 ({@code month} 1 = January). */
  static String day(int month, int i) {
    return String.format("2024-%02d-%02dT10:00:00.000Z", month, i + 1);
  }
}
