package io.ferry.engine.mcp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * An MCP server's {@code config}: which tools it exposes. {@code methods} holds method names ({@code list},
 * {@code deactivate}, ...) or the groups {@code read} (list, get), {@code write} (create, update, delete) and
 * {@code custom} (every other method); {@code tags} keeps tools whose resource carries at least one of the tags
 * ({@code tool_tags} in the integration config). Both given: a tool must pass both. Absent: no narrowing.
 */
public record ToolFilter(List<String> methods, List<String> tags, boolean requireApiTokenAuth) {
  static final Set<String> READ = Set.of("list", "get");
  static final Set<String> WRITE = Set.of("create", "update", "delete");

  public ToolFilter {
    methods = methods == null ? null : List.copyOf(methods);
    tags = tags == null ? null : List.copyOf(tags);
  }

  public static ToolFilter all() {
    return new ToolFilter(null, null, false);
  }

  public boolean accepts(Tool tool) {
    return (methods == null || methods.stream().anyMatch(m -> matchesMethod(m, tool.method())))
        && (tags == null || tags.stream().anyMatch(tool.tags()::contains));
  }

  private static boolean matchesMethod(String wanted, String method) {
    return switch (wanted) {
      case "read" -> READ.contains(method);
      case "write" -> WRITE.contains(method);
      case "custom" -> !READ.contains(method) && !WRITE.contains(method);
      default -> wanted.equals(method);
    };
  }

  public JsonObject toJson() {
    JsonObject out = new JsonObject();
    if (methods != null) {
      out.put("methods", new JsonArray(methods));
    }
    if (tags != null) {
      out.put("tags", new JsonArray(tags));
    }
    return out.put("require_api_token_auth", requireApiTokenAuth);
  }

  /** From a config already checked against {@code requests/mcp.create.json}. */
  @SuppressWarnings("unchecked")
  public static ToolFilter fromJson(JsonObject config) {
    if (config == null) {
      return all();
    }
    JsonArray methods = config.getJsonArray("methods");
    JsonArray tags = config.getJsonArray("tags");
    return new ToolFilter(methods == null ? null : (List<String>) (List<?>) methods.getList(),
        tags == null ? null : (List<String>) (List<?>) tags.getList(), config.getBoolean("require_api_token_auth", false));
  }
}
