package io.ferry.engine.interpreter.pagination;

import io.vertx.core.json.JsonObject;

/** Reads pagination config keys by their canonical {@code *_key} names, accepting the {@code *_param} spellings. */
final class Keys {
  private Keys() {
  }

  static String name(JsonObject config, String canonical, String fallback) {
    String v = config.getString(canonical);
    if (v == null && canonical.endsWith("_key")) {
      v = config.getString(canonical.substring(0, canonical.length() - 4) + "_param");
    }
    return v == null ? fallback : v;
  }

  static Integer capped(Integer limit, JsonObject config) {
    Integer max = config.getInteger("max_limit");
    if (limit == null) {
      return config.getInteger("default_limit", max);
    }
    return max != null && limit > max ? max : limit;
  }

  /** Short page means last page, when the caller asked for a page size. */
  static boolean lastByCount(int count, Integer limit) {
    return count == 0 || limit != null && count < limit;
  }
}
