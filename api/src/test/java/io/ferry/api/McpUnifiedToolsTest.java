package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Unified models mapped for the account's integration become {@code list_all_unified_…} tools. */
@ExtendWith(VertxExtension.class)
@DisplayName("MCP: unified-API tools")
class McpUnifiedToolsTest extends McpTestBase {

  @Test
  @DisplayName("a unified mapping for the integration adds a unified tool that answers in the unified shape")
  void unifiedListTool() {
    String accountId = account();
    String token = createServer(accountId, null).getString("token");
    assertThat(names(token)).noneMatch(n -> n.contains("unified"));

    String crm = ferry.admin(HttpMethod.GET, "/unified-model?name=crm", null).await().bodyAsJsonObject()
        .getJsonArray("result").getJsonObject(0).getString("id");
    var mapping = ferry.admin(HttpMethod.POST, "/environment-unified-model-resource-method", new JsonObject()
        .put("unified_model_id", crm).put("resource_name", "contacts").put("integration_name", "acme").put("method_name", "list")
        .put("config", new JsonObject().put("resource", "users")
            .put("response_mapping", "response.data.users.{ \"id\": id, \"name\": name }"))).await();
    assertThat(mapping.statusCode()).as(mapping.bodyAsString()).isEqualTo(201);

    assertThat(names(token)).contains("list_all_unified_crm_contacts");
    JsonObject r = callTool(token, "list_all_unified_crm_contacts", new JsonObject().put("limit", 2));
    assertThat(r.getBoolean("isError")).as(r.encode()).isFalse();
    JsonObject page = r.getJsonObject("structuredContent");
    assertThat(page.getJsonArray("result").getJsonObject(0).getString("name")).isEqualTo("User 0");
    assertThat(page.getJsonArray("result").getJsonObject(0).containsKey("remote_data")).isTrue();
    assertThat(page.getString("next_cursor")).isNotBlank();
  }

  private java.util.List<String> names(String token) {
    JsonArray tools = post(token, request(1, "tools/list", null)).bodyAsJsonObject().getJsonObject("result").getJsonArray("tools");
    return tools.stream().map(t -> ((JsonObject) t).getString("name")).toList();
  }
}
