package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

/** {@code page}: a page number ({@code page_key}, from {@code start_page}) and an optional page size ({@code limit_key}). */
final class PagePagination implements Pagination {
  private final JsonObject config;
  private final String pageKey;
  private final String limitKey;

  PagePagination(JsonObject config) {
    this.config = config;
    this.pageKey = Keys.name(config, "page_key", "page");
    this.limitKey = Keys.name(config, "limit_key", null);
  }

  @Override
  public JsonObject initial(Integer limit) {
    return new JsonObject().put("page", config.getInteger("start_page", 1));
  }

  @Override
  public JsonObject previous(JsonObject state, UpstreamResponse response, Integer limit) {
    int page = state.getInteger("page");
    return page > config.getInteger("start_page", 1) ? new JsonObject().put("page", page - 1) : null;
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    JsonObject values = new JsonObject().put(pageKey, state.getInteger("page")).put("page", state.getInteger("page"));
    Integer size = Keys.capped(limit, config);
    if (size != null && limitKey != null) {
      values.put(limitKey, size).put("limit", size);
    }
    JsonObject fields = new JsonObject().put(pageKey, state.getInteger("page"));
    if (size != null && limitKey != null) {
      fields.put(limitKey, size);
    }
    return PageParams.placed(config, fields, values, null);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    int page = state.getInteger("page");
    String hasNext = config.getString("has_next_path");
    if (hasNext != null) {
      return Jsonata.truthy(CursorPagination.flag(Json.at(response.body(), hasNext))) && count > 0
          ? new JsonObject().put("page", page + 1) : null;
    }
    String totalPages = config.getString("total_pages_path");
    if (totalPages != null && Json.at(response.body(), totalPages) instanceof Number total) {
      return page < total.intValue() ? new JsonObject().put("page", page + 1) : null;
    }
    return Keys.lastByCount(count, Keys.capped(limit, config)) ? null : new JsonObject().put("page", page + 1);
  }
}
