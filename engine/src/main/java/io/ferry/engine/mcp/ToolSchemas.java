package io.ferry.engine.mcp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A tool's input JSON Schema. Standard arguments first: {@code id} (get, update, delete), {@code limit} and
 * {@code next_cursor} (list). Then the properties of the method's {@code query_schema} and {@code body_schema} when the
 * config has them, else the generic {@code query} object (and {@code body} for writes and custom methods).
 */
final class ToolSchemas {
  private ToolSchemas() {
  }

  static boolean needsId(String method) {
    return "get".equals(method) || "update".equals(method) || "delete".equals(method);
  }

  static boolean takesBody(String method) {
    return !ToolFilter.READ.contains(method) && !"delete".equals(method);
  }

  /** The schema, and the argument names that belong to the query and to the body. */
  record Built(JsonObject schema, Set<String> queryKeys, Set<String> bodyKeys) {
  }

  static Built of(String method, JsonObject methodConfig) {
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    if (needsId(method)) {
      properties.put("id", new JsonObject().put("type", "string").put("description", "The id of the record"));
      required.add("id");
    }
    if ("list".equals(method)) {
      properties.put("limit", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 1000)
          .put("description", "The number of records to return in one page"));
      properties.put("next_cursor", new JsonObject().put("type", "string")
          .put("description", "The next_cursor of the previous page, to fetch the page after it"));
    }
    Set<String> queryKeys = merge(methodConfig.getValue("query_schema"), properties, required);
    Set<String> bodyKeys = takesBody(method) ? merge(methodConfig.getValue("body_schema"), properties, required) : Set.of();
    if (queryKeys == null) {
      properties.put("query", new JsonObject().put("type", "object").put("additionalProperties", true)
          .put("description", "Query parameters to send to the upstream API"));
      queryKeys = Set.of();
    }
    if (bodyKeys == null) {
      properties.put("body", new JsonObject().put("type", "object").put("additionalProperties", true)
          .put("description", "The request body to send to the upstream API"));
      bodyKeys = Set.of();
    }
    JsonObject schema = new JsonObject().put("type", "object").put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return new Built(schema, queryKeys, bodyKeys);
  }

  /** Copies a config schema's properties and required names in; null when the config has no such schema. */
  private static Set<String> merge(Object configSchema, JsonObject properties, JsonArray required) {
    if (!(configSchema instanceof JsonObject s) || !(s.getValue("properties") instanceof JsonObject props)) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String name : props.fieldNames()) {
      if (!properties.containsKey(name)) {
        properties.put(name, props.getValue(name) instanceof JsonObject p ? p.copy() : new JsonObject());
        keys.add(name);
      }
    }
    if (s.getValue("required") instanceof JsonArray req) {
      for (Object name : req) {
        if (keys.contains(name) && !required.contains(name)) {
          required.add(name);
        }
      }
    }
    return keys;
  }
}
