package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

/**
 * One resource method with integration-level values folded in: per-method values override integration ones,
 * headers and query merge (a null header removes it), {@code pagination: null} disables paging, and
 * {@code error_expression} is replaced whole. Built once per config version and cached.
 */
public record MethodConfig(
    String resource,
    String method,
    String httpMethod,
    String baseUrl,
    String path,
    JsonObject headers,
    JsonObject query,
    String queryArrayFormat,
    Object body,
    String bodyFormat,
    String responsePath,
    JsonObject pagination,
    JsonObject authorization,
    JsonObject rateLimit,
    String errorExpression,
    boolean noAuth,
    int maxPages) {

  public static final int DEFAULT_MAX_PAGES = 1000;

  public boolean isWrite() {
    return !"GET".equals(httpMethod) && !"HEAD".equals(httpMethod);
  }

  public boolean isList() {
    return "list".equals(method);
  }
}
