package io.ferry.engine.interpreter.pagination;

import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.json.JsonObject;

/**
 * {@code dynamic}: three JSONata expressions drive the loop. {@code get_initial_pagination_values_expression}
 * gives the first values, {@code get_pagination_values_expression} the next ones from the latest response (null
 * ends the loop), and {@code get_cursor_from_response_expression}, when present, must yield a cursor for the loop to
 * continue. Values go into the query (or the body with {@code add_to_body}) and to {@code {{pagination.*}}}.
 */
final class DynamicPagination implements Pagination {
  private final JsonObject config;
  private final Jsonata jsonata;

  DynamicPagination(JsonObject config, Jsonata jsonata) {
    this.config = config;
    this.jsonata = jsonata;
  }

  @Override
  public JsonObject initial(Integer limit) {
    String expr = config.getString("get_initial_pagination_values_expression");
    Object v = expr == null ? null : jsonata.evaluate(expr, new JsonObject().put("limit", limit),
        "/pagination/config/get_initial_pagination_values_expression");
    return new JsonObject().put("values", v instanceof JsonObject o ? o : new JsonObject());
  }

  @Override
  public PageParams params(JsonObject state, Integer limit) {
    JsonObject values = state.getJsonObject("values", new JsonObject());
    return PageParams.placed(config, values.copy(), values.copy(), null);
  }

  @Override
  public JsonObject next(JsonObject state, UpstreamResponse response, int count, Integer limit) {
    JsonObject scope = response.scope().put("paginationValues", state.getJsonObject("values")).put("limit", limit);
    String cursorExpr = config.getString("get_cursor_from_response_expression");
    if (cursorExpr != null && jsonata.evaluate(cursorExpr, scope, "/pagination/config/get_cursor_from_response_expression") == null) {
      return null;
    }
    Object next = jsonata.evaluate(config.getString("get_pagination_values_expression", "null"), scope,
        "/pagination/config/get_pagination_values_expression");
    if (!(next instanceof JsonObject values) || values.equals(state.getJsonObject("values"))) {
      return null;
    }
    return new JsonObject().put("values", values);
  }
}
