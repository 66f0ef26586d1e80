package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code link_header}: follows the RFC 8288 {@code Link: <url>; rel="next"} header, or a next URL at
 * {@code next_url_path} in the body. Keeps going past an empty page while a new next link exists.
 */
final class LinkHeaderPagination implements Pagination {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private final JsonObject config;
  private final String limitKey;

  LinkHeaderPagination(JsonObject config) {
    this.config = config;
    this.limitKey = Keys.name(config, "limit_key", null);
  }

  @Override
  public JsonObject initial(Integer limit) {
    return new JsonObject();
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    Integer size = Keys.capped(limit, config);
    JsonObject query = new JsonObject();
    if (state.getString("url") == null && size != null && limitKey != null) {
      query.put(limitKey, size);
    }
    JsonObject values = query.copy();
    return new PageParams(query, new JsonObject(), new JsonObject(), state.getString("url"), values);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    String nextUrlPath = config.getString("next_url_path");
    String next = nextUrlPath != null && Json.at(response.body(), nextUrlPath) instanceof String s ? s
        : relNext(response.header("link"), config.getString("rel", "next"));
    if (next == null || next.isEmpty() || next.equals(state.getString("url"))) {
      return null;
    }
    return new JsonObject().put("url", next);
  }

  /** RFC 8288 {@code rel="prev"} (or {@code "previous"}) link, when the upstream sends one. */
  @Override
  public JsonObject previous(JsonObject state, UpstreamResponse response, Integer limit) {
    String header = response.header("link");
    String prev = relNext(header, "prev");
    prev = prev != null ? prev : relNext(header, "previous");
    return prev == null || prev.isEmpty() ? null : new JsonObject().put("url", prev);
  }

  static String relNext(String header, String rel) {
    if (header == null) {
      return null;
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      for (String param : m.group(2).split(";")) {
        String p = param.trim();
        if (p.toLowerCase(java.util.Locale.ROOT).startsWith("rel=")) {
          String value = p.substring(4).replace("\"", "").trim();
          for (String r : value.split("\\s+")) {
            if (r.equalsIgnoreCase(rel)) {
              return m.group(1);
            }
          }
        }
      }
    }
    return null;
  }
}
