package io.ferry.api;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official MCP Java SDK client, over its Streamable HTTP transport, against a running Ferry. */
@ExtendWith(VertxExtension.class)
@DisplayName("MCP: the official Java SDK client talks to Ferry's /mcp endpoint")
class McpSdkClientTest extends McpTestBase {

  private McpSyncClient client(String url) {
    return client(url, Map.of());
  }

  /** A client whose every request carries {@code headers} (set last, so they win over the SDK's own). */
  private McpSyncClient client(String url, Map<String, String> headers) {
    int slash = url.indexOf("/mcp/");
    var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + ferry.ferry().port())
        .endpoint(url.substring(slash))
        .httpRequestCustomizer((builder, method, uri, body, context) -> headers.forEach(builder::setHeader)).build();
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).initializationTimeout(Duration.ofSeconds(10)).build();
  }

  @Test
  @DisplayName("initialize, list tools in name order, call a list tool against the simulator and page with next_cursor")
  void initializeListCallAndPage() {
    JsonObject server = createServer(account(), null);
    try (McpSyncClient client = client(server.getString("url"))) {
      McpSchema.InitializeResult init = client.initialize();
      assertThat(init.protocolVersion()).isIn("2025-11-25", "2025-06-18", "2025-03-26");
      assertThat(init.serverInfo().name()).isEqualTo("ferry");
      assertThat(init.capabilities().tools()).isNotNull();

      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(names).containsExactly("create_a_acme_user", "deactivate_acme_users", "delete_a_acme_user_by_id",
          "get_single_acme_user_by_id", "list_all_acme_invoices", "list_all_acme_users", "update_a_acme_user_by_id");

      McpSchema.CallToolResult first = client.callTool(new McpSchema.CallToolRequest("list_all_acme_users",
          Map.of("limit", 2, "status", "active")));
      assertThat(first.isError()).isFalse();
      @SuppressWarnings("unchecked")
      Map<String, Object> page = (Map<String, Object>) first.structuredContent();
      assertThat(page.get("result_count")).isEqualTo(2);
      assertThat(((McpSchema.TextContent) first.content().get(0)).text()).contains("\"u0\"", "\"u1\"", "next_cursor");
      assertThat(upstream.to("/users").get(0).query()).contains("status=active").contains("per_page=2");

      String cursor = (String) page.get("next_cursor");
      assertThat(cursor).isNotBlank();
      McpSchema.CallToolResult second = client.callTool(new McpSchema.CallToolRequest("list_all_acme_users",
          Map.of("limit", 2, "next_cursor", cursor)));
      assertThat(((McpSchema.TextContent) second.content().get(0)).text()).contains("\"u2\"", "\"u3\"");
      assertThat(upstream.to("/users").get(1).query()).contains("page=2");
      assertThat(upstream.to("/users").get(1).authorization()).isEqualTo("Bearer tok-1");
    }
  }

  @Test
  @DisplayName("a read-only server hides write tools; calling one is an error, and nothing reaches the upstream")
  void excludedWriteTool() {
    JsonObject server = createServer(account(), new JsonObject().put("methods", new io.vertx.core.json.JsonArray().add("read")));
    try (McpSyncClient client = client(server.getString("url"))) {
      client.initialize();
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("get_single_acme_user_by_id", "list_all_acme_invoices", "list_all_acme_users");
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("create_a_acme_user", Map.of("name", "Bo"))))
          .isInstanceOf(McpError.class)
          .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code()).isEqualTo(-32602));
    }
    assertThat(upstream.count(r -> r.method().equals("POST"))).isZero();
  }

  @Test
  @DisplayName("an unknown token fails the SDK's initialize")
  void badToken() {
    try (McpSyncClient client = client("http://localhost/mcp/fry_not_a_real_token")) {
      assertThatThrownBy(client::initialize).rootCause().isInstanceOf(McpTransportException.class)
          .hasMessageContaining("Status code:404").hasMessageContaining("no MCP server for this URL");
    }
  }

  @Test
  @DisplayName("the transport rules reach the SDK: a foreign Origin is 403, an unsupported protocol version 400")
  void transportRulesSeenBySdk() {
    String url = createServer(account(), null).getString("url");
    try (McpSyncClient client = client(url, Map.of("Origin", "https://evil.example"))) {
      assertThatThrownBy(client::initialize).rootCause()
          .isInstanceOfSatisfying(McpHttpClientTransportAuthorizationException.class,
              e -> assertThat(e.getResponseInfo().statusCode()).isEqualTo(403));
    }
    try (McpSyncClient client = client(url, Map.of("MCP-Protocol-Version", "1999-01-01"))) {
      assertThatThrownBy(client::initialize).rootCause().isInstanceOf(McpTransportException.class)
          .hasMessageContaining("Status code:400").hasMessageContaining("1999-01-01");
    }
    try (McpSyncClient client = client(url, Map.of("Origin", "http://localhost:" + ferry.ferry().port()))) {
      assertThat(client.initialize().protocolVersion()).isEqualTo("2025-11-25");
      assertThat(client.ping()).isNotNull();
    }
  }
}
