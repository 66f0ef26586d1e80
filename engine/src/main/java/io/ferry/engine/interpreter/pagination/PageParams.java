package io.ferry.engine.interpreter.pagination;

import io.vertx.core.json.JsonObject;

/**
 * What one page adds to the request: query parameters, body fields, headers, or a whole URL to fetch instead; plus
 * the values exposed to placeholders as {@code {{pagination.*}}}.
 */
public record PageParams(JsonObject query, JsonObject body, JsonObject headers, String url, JsonObject values) {

  public static PageParams none() {
    return new PageParams(new JsonObject(), new JsonObject(), new JsonObject(), null, new JsonObject());
  }
}
