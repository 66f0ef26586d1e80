package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;

/**
 * One page read from a list response: the records, Ferry's opaque cursor for the next page (null at the end) and for
 * the previous one (null on the first page, or when the pagination format cannot tell).
 */
public record ListPage(JsonArray records, String nextCursor, String prevCursor) {

  public ListPage(JsonArray records, String nextCursor) {
    this(records, nextCursor, null);
  }
}
