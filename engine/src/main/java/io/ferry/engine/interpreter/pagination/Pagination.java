package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.json.JsonObject;

/**
 * One pagination format. State is a small JSON object (page number, offset, upstream cursor or next URL) that Ferry
 * seals into its opaque {@code next_cursor}; a format never keeps state of its own.
 */
public interface Pagination {

  /** State for the first page. */
  JsonObject initial(Integer limit);

  /** What the page described by {@code state} adds to the request. */
  PageParams params(JsonObject state, Integer limit);

  /** State for the page after this response, or null when this was the last one. */
  JsonObject next(JsonObject state, UpstreamResponse response, int recordCount, Integer limit);

  /** State for the page before the one described by {@code state}, or null when there is none or it is not known. */
  default JsonObject previous(JsonObject state, UpstreamResponse response, Integer limit) {
    return null;
  }
}
