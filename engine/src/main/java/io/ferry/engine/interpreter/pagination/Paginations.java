package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.ConfigError;
import io.ferry.engine.interpreter.Jsonata;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Picks the {@link Pagination} for a method's {@code pagination} config. */
public final class Paginations {
  /** Expression-valued keys, compiled when a config is loaded. */
  public static final List<String> DYNAMIC_EXPRESSIONS = List.of("get_initial_pagination_values_expression",
      "get_pagination_values_expression", "get_cursor_from_response_expression");

  private Paginations() {
  }

  /** Null when the method does not paginate. */
  public static Pagination of(JsonObject pagination, Jsonata jsonata) {
    if (pagination == null) {
      return null;
    }
    JsonObject config = pagination.getValue("config") instanceof JsonObject c ? c : new JsonObject();
    String format = pagination.getString("format", "");
    return switch (format) {
      case "page" -> new PagePagination(config);
      case "offset" -> new OffsetPagination(config);
      case "cursor" -> {
        if (config.getString("cursor_path") == null) {
          throw new ConfigError("cursor pagination needs config.cursor_path");
        }
        yield new CursorPagination(config);
      }
      case "link_header" -> new LinkHeaderPagination(config);
      case "range" -> new RangePagination(config);
      case "dynamic" -> new DynamicPagination(config, jsonata);
      default -> throw new ConfigError("unknown pagination format '" + format + "'");
    };
  }
}
