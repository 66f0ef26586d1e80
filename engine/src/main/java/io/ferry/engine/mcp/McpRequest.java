package io.ferry.engine.mcp;

import io.vertx.core.buffer.Buffer;

/**
 * One POST to {@code /mcp/{token}}: the token from the path, the headers the transport rules look at (null when
 * absent: {@code Authorization} for servers requiring an API token, {@code Origin}, {@code Host},
 * {@code MCP-Protocol-Version}, {@code Content-Type}) and the raw body.
 */
public record McpRequest(String token, String authorization, String origin, String host, String protocolVersion,
                         String contentType, Buffer body) {
}
