package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * {@code cursor}: the next cursor read from {@code cursor_path} (body, or a header with
 * {@code cursor_path_object: header}) and sent as {@code cursor_key}; with {@code is_link} the cursor is the URL of
 * the next page. Stops on an empty cursor, a false {@code has_next_path}, or a cursor equal to the last one.
 */
final class CursorPagination implements Pagination {
  private final JsonObject config;
  private final String cursorKey;
  private final String limitKey;

  CursorPagination(JsonObject config) {
    this.config = config;
    this.cursorKey = Keys.name(config, "cursor_key", "cursor");
    this.limitKey = Keys.name(config, "limit_key", null);
  }

  @Override
  public JsonObject initial(Integer limit) {
    return new JsonObject();
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    Integer size = Keys.capped(limit, config);
    JsonObject fields = new JsonObject();
    JsonObject values = new JsonObject();
    if (size != null && limitKey != null && !config.getBoolean("ignore_limit_in_pagination", false)) {
      fields.put(limitKey, size);
      values.put(limitKey, size).put("limit", size);
    }
    String cursor = state.getString("cursor");
    String url = state.getString("url");
    if (cursor != null) {
      fields.put(cursorKey, cursor);
      values.put(cursorKey, cursor).put("cursor", cursor);
    }
    return PageParams.placed(config, fields, values, url);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    String path = config.getString("cursor_path");
    Object raw = "header".equals(config.getString("cursor_path_object"))
        ? response.header(path.toLowerCase(java.util.Locale.ROOT)) : Json.at(response.body(), path);
    String hasNext = config.getString("has_next_path");
    if (hasNext != null && !Jsonata.truthy(flag(Json.at(response.body(), hasNext)))) {
      return null;
    }
    if (raw == null || raw.toString().isEmpty() || (count == 0 && !config.getBoolean("allow_empty_page_cursor", false))) {
      return null;
    }
    String cursor = raw.toString();
    if (config.getBoolean("is_link", false)) {
      return cursor.equals(state.getString("url")) ? null : new JsonObject().put("url", cursor);
    }
    return cursor.equals(state.getString("cursor")) ? null : new JsonObject().put("cursor", cursor);
  }

  /** The upstream's own previous cursor, when the config says where it is ({@code prev_cursor_path}). */
  @Override
  public JsonObject previous(JsonObject state, UpstreamResponse response, Integer limit) {
    String path = config.getString("prev_cursor_path");
    Object raw = path == null ? null : "header".equals(config.getString("cursor_path_object"))
        ? response.header(path.toLowerCase(java.util.Locale.ROOT)) : Json.at(response.body(), path);
    if (raw == null || raw.toString().isEmpty()) {
      return null;
    }
    return config.getBoolean("is_link", false) ? new JsonObject().put("url", raw.toString())
        : new JsonObject().put("cursor", raw.toString());
  }

  /** "true"/"false" strings count as booleans for has-next flags. */
  static Object flag(Object v) {
    return v instanceof String s && (s.equalsIgnoreCase("false") || s.equals("0")) ? Boolean.FALSE : v;
  }
}
