package io.ferry.engine.interpreter.pagination;

import io.vertx.core.json.JsonObject;

/**
 * What one page adds to the request: query parameters, body fields, headers, or a whole URL to fetch instead; plus
 * the values exposed to placeholders as {@code {{pagination.*}}}.
 */
public record PageParams(JsonObject query, JsonObject body, JsonObject headers, String url, JsonObject values) {

  /**
   * The page's fields placed where the config says: the body with {@code add_to_body}, nowhere but the placeholders
   * with {@code add_to_query: false} (GraphQL variables), else the query.
   */
  static PageParams placed(JsonObject config, JsonObject fields, JsonObject values, String url) {
    boolean body = config.getBoolean("add_to_body", false);
    boolean query = !body && config.getBoolean("add_to_query", true);
    return new PageParams(query ? fields : new JsonObject(), body ? fields : new JsonObject(), new JsonObject(), url, values);
  }

  public static PageParams none() {
    return new PageParams(new JsonObject(), new JsonObject(), new JsonObject(), null, new JsonObject());
  }
}
