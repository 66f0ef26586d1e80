package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.json.JsonObject;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code range}: an HTTP {@code Range: <unit>=<start>-<end>} request header; the next start comes from the
 * response's {@code Content-Range: <unit> <start>-<end>/<total|*>}.
 */
final class RangePagination implements Pagination {
  private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*\\S+\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");
  static final int DEFAULT_SIZE = 100;
  private final JsonObject config;

  RangePagination(JsonObject config) {
    this.config = config;
  }

  @Override
  public JsonObject initial(Integer limit) {
    return new JsonObject().put("start", 0);
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    Integer capped = Keys.capped(limit, config);
    int size = capped == null ? DEFAULT_SIZE : capped;
    int start = state.getInteger("start");
    String range = config.getString("range_unit", "items") + "=" + start + "-" + (start + size - 1);
    JsonObject values = new JsonObject().put("start", start).put("end", start + size - 1).put("limit", size);
    return new PageParams(new JsonObject(), new JsonObject(), new JsonObject().put("Range", range), null, values);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    String header = response.header("content-range");
    if (header == null) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(header);
    if (!m.matches()) {
      return null;
    }
    long end = Long.parseLong(m.group(2));
    boolean more = "*".equals(m.group(3)) ? count > 0 : end + 1 < Long.parseLong(m.group(3));
    return more && count > 0 ? new JsonObject().put("start", end + 1) : null;
  }
}
