package io.ferry.engine.mcp;

/** The HTTP answer to an {@link McpRequest}: 200 with a JSON-RPC object or batch array, 202 with no body, or 400. */
public record McpReply(int status, Object body) {

  static McpReply accepted() {
    return new McpReply(202, null);
  }
}
