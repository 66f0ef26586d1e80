package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.json.JsonObject;

/** {@code offset}: an item offset ({@code offset_key}) advanced by the records received, and a page size ({@code limit_key}). */
final class OffsetPagination implements Pagination {
  private final JsonObject config;
  private final String offsetKey;
  private final String limitKey;

  OffsetPagination(JsonObject config) {
    this.config = config;
    this.offsetKey = Keys.name(config, "offset_key", "offset");
    this.limitKey = Keys.name(config, "limit_key", "limit");
  }

  @Override
  public JsonObject initial(Integer limit) {
    return new JsonObject().put("offset", config.getInteger("start_offset", 0));
  }

  @Override
  public JsonObject previous(JsonObject state, UpstreamResponse response, Integer limit) {
    int start = config.getInteger("start_offset", 0);
    int offset = state.getInteger("offset");
    Integer size = Keys.capped(limit, config);
    return offset > start && size != null ? new JsonObject().put("offset", Math.max(start, offset - size)) : null;
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    Integer size = Keys.capped(limit, config);
    JsonObject fields = new JsonObject().put(offsetKey, state.getInteger("offset"));
    if (size != null) {
      fields.put(limitKey, size);
    }
    JsonObject values = fields.copy().put("offset", state.getInteger("offset"));
    if (size != null) {
      values.put("limit", size);
    }
    return PageParams.placed(config, fields, values, null);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    return Keys.lastByCount(count, Keys.capped(limit, config)) ? null
        : new JsonObject().put("offset", state.getInteger("offset") + count);
  }
}
