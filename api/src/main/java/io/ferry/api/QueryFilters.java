package io.ferry.api;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Truto's (qs-style) query operators: {@code updated_at[gt]=x} becomes {@code {"updated_at": {"gt": "x"}}},
 * {@code ids[]=a&ids[]=b} an array, a plain {@code email=x} stays a string (equality). Mappings read
 * {@code query.updated_at.gt}.
 */
final class QueryFilters {
  private static final int MAX_DEPTH = 5;

  private QueryFilters() {
  }

  static void put(JsonObject into, String name, Object value) {
    List<String> path = new ArrayList<>();
    int open = name.indexOf('[');
    path.add(open < 0 ? name : name.substring(0, open));
    while (open >= 0) {
      int close = name.indexOf(']', open);
      if (close < 0) {
        throw FerryFailure.invalid("/" + name, "unbalanced brackets in a query parameter name");
      }
      path.add(name.substring(open + 1, close));
      open = name.indexOf('[', close);
    }
    if (path.size() > MAX_DEPTH || path.get(0).isEmpty()) {
      throw FerryFailure.invalid("/" + name, "query parameter names nest at most " + (MAX_DEPTH - 1) + " brackets deep");
    }
    JsonObject at = into;
    for (int i = 0; i < path.size() - 1; i++) {
      String key = path.get(i);
      if (path.get(i + 1).isEmpty()) {
        // name[] → an array of every value
        at.put(key, value instanceof JsonArray a ? a : new JsonArray().add(value));
        return;
      }
      JsonObject next = at.getValue(key) instanceof JsonObject o ? o : new JsonObject();
      at.put(key, next);
      at = next;
    }
    at.put(path.get(path.size() - 1), value);
  }
}
