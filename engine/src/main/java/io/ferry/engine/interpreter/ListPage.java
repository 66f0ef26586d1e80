package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;

/** One page read from a list response: the records and Ferry's opaque cursor for the next page (null at the end). */
public record ListPage(JsonArray records, String nextCursor) {
}
