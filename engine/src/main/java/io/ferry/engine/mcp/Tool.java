package io.ferry.engine.mcp;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * One MCP tool: a described method of one of the integration's resources. {@code queryKeys} and {@code bodyKeys}
 * name the arguments that came from the method's {@code query_schema} and {@code body_schema}, so a call can put
 * each argument back where the upstream expects it. {@code unifiedModel} is set for tools over the unified API.
 */
public record Tool(String name, String description, JsonObject inputSchema, String resource, String method,
                   List<String> tags, Set<String> queryKeys, Set<String> bodyKeys, String unifiedModel) {

  public boolean isRead() {
    return ToolFilter.READ.contains(method);
  }

  /** The {@code tools/list} entry. */
  public JsonObject toJson() {
    JsonObject annotations = new JsonObject().put("readOnlyHint", isRead())
        .put("destructiveHint", "delete".equals(method)).put("idempotentHint", isRead() || "delete".equals(method))
        .put("openWorldHint", true);
    String title = (unifiedModel == null ? "" : "unified " + unifiedModel + " ") + resource + " · " + method;
    return new JsonObject().put("name", name).put("title", title).put("description", description)
        .put("inputSchema", inputSchema).put("annotations", annotations);
  }
}
