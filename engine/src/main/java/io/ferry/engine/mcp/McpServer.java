package io.ferry.engine.mcp;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

/** One MCP server: a token-addressed view of an integrated account's tools, narrowed by its {@link ToolFilter}. */
public record McpServer(String id, String environmentId, String accountId, String name, ToolFilter filter,
                        Long expiresAt, long createdAt, long updatedAt) {

  public boolean expired(long now) {
    return expiresAt != null && expiresAt <= now;
  }

  /** The admin-API shape; the token and URL appear only in the create answer. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("integrated_account_id", accountId)
        .put("environment_id", environmentId).put("config", filter.toJson()).put("expires_at", Json.isoOrNull(expiresAt))
        .put("created_at", Json.iso(createdAt)).put("updated_at", Json.iso(updatedAt));
  }
}
