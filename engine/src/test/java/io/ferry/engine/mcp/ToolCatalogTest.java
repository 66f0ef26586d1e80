package io.ferry.engine.mcp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MCP tools from an integration config")
class ToolCatalogTest {

  private static JsonObject described(String... methods) {
    JsonObject out = new JsonObject();
    for (String m : methods) {
      out.put(m, new JsonObject().put("path", "/x").put("description", "does " + m));
    }
    return out;
  }

  @Test
  @DisplayName("Truto's names, singular where Truto is, in name order; undescribed methods make no tool")
  void namesAndGate() {
    JsonObject config = new JsonObject().put("resources", new JsonObject()
        .put("companies", described("list", "get", "create", "update", "delete", "merge"))
        .put("people", described("get"))
        .put("addresses", described("get"))
        .put("hidden", new JsonObject().put("list", new JsonObject().put("path", "/h")).put("get",
            new JsonObject().put("path", "/h").put("description", "  "))));
    List<String> names = ToolCatalog.of("big commerce", config).all().stream().map(Tool::name).toList();
    assertThat(names).containsExactly("create_a_big_commerce_company", "delete_a_big_commerce_company_by_id",
        "get_single_big_commerce_address_by_id", "get_single_big_commerce_company_by_id",
        "get_single_big_commerce_person_by_id", "list_all_big_commerce_companies", "merge_big_commerce_companies",
        "update_a_big_commerce_company_by_id");
  }

  @Test
  @DisplayName("names stay within 1-128 characters of [A-Za-z0-9_.-] and unique, whatever the resource is called")
  void namesValidAndUnique() {
    String longName = "r".repeat(200);
    JsonObject config = new JsonObject().put("resources", new JsonObject()
        .put("a/b", described("list")).put("a b", described("list")).put("a_b", described("list"))
        .put(longName + "1", described("list")).put(longName + "2", described("list")).put("crm/contacts ✓", described("list")));
    List<Tool> tools = ToolCatalog.of("acme", config).all();
    assertThat(tools).hasSize(6);
    assertThat(tools).allSatisfy(t -> assertThat(ToolNames.valid(t.name())).as(t.name()).isTrue());
    assertThat(tools.stream().map(Tool::name).distinct()).hasSize(6);
    assertThat(tools.stream().map(Tool::name)).contains("list_all_acme_a_b", "list_all_acme_a_b_2", "list_all_acme_a_b_3");
  }

  @Test
  @DisplayName("the same config always gives the same tools in the same order")
  void deterministic() {
    JsonObject a = new JsonObject().put("resources", new JsonObject().put("b", described("list", "get")).put("a", described("get")));
    JsonObject b = new JsonObject().put("resources", new JsonObject().put("a", described("get")).put("b", described("get", "list")));
    assertThat(ToolCatalog.of("x", a).all()).isEqualTo(ToolCatalog.of("x", b).all());
  }

  @Test
  @DisplayName("filters: read/write/custom groups and names, tags from tool_tags, both together with AND")
  void filters() {
    JsonObject config = new JsonObject().put("resources", new JsonObject()
        .put("users", described("list", "get", "create", "merge")).put("deals", described("list", "delete")))
        .put("tool_tags", new JsonObject().put("deals", new JsonArray().add("sales")));
    ToolCatalog catalog = ToolCatalog.of("x", config);
    assertThat(names(catalog, new ToolFilter(List.of("read"), null, false)))
        .containsExactly("get_single_x_user_by_id", "list_all_x_deals", "list_all_x_users");
    assertThat(names(catalog, new ToolFilter(List.of("write"), null, false))).containsExactly("create_a_x_user", "delete_a_x_deal_by_id");
    assertThat(names(catalog, new ToolFilter(List.of("custom"), null, false))).containsExactly("merge_x_users");
    assertThat(names(catalog, new ToolFilter(null, List.of("sales"), false))).containsExactly("delete_a_x_deal_by_id", "list_all_x_deals");
    assertThat(names(catalog, new ToolFilter(List.of("read"), List.of("sales"), false))).containsExactly("list_all_x_deals");
    assertThat(names(catalog, new ToolFilter(List.of("create"), List.of("sales"), false))).isEmpty();
    assertThat(catalog.find("create_a_x_users", ToolFilter.all()).name()).as("plural alias").isEqualTo("create_a_x_user");
    assertThat(catalog.find("create_a_x_user", new ToolFilter(List.of("read"), null, false))).isNull();
  }

  @Test
  @DisplayName("input schemas: query/body schema properties when present, the generic shape otherwise")
  void schemas() {
    JsonObject list = new JsonObject().put("description", "d").put("query_schema", new JsonObject()
        .put("properties", new JsonObject().put("q", new JsonObject().put("type", "string"))).put("required", new JsonArray().add("q")));
    JsonObject update = new JsonObject().put("description", "d");
    ToolCatalog catalog = ToolCatalog.of("x", new JsonObject().put("resources", new JsonObject()
        .put("users", new JsonObject().put("list", list).put("update", update))));
    JsonObject listSchema = catalog.find("list_all_x_users", ToolFilter.all()).inputSchema();
    assertThat(listSchema.getJsonObject("properties").fieldNames()).containsExactlyInAnyOrder("limit", "next_cursor", "q");
    assertThat(listSchema.getJsonArray("required")).containsExactly("q");
    JsonObject updateSchema = catalog.find("update_a_x_user_by_id", ToolFilter.all()).inputSchema();
    assertThat(updateSchema.getJsonObject("properties").fieldNames()).containsExactlyInAnyOrder("id", "query", "body");
    assertThat(updateSchema.getJsonArray("required")).containsExactly("id");
  }

  private static List<String> names(ToolCatalog catalog, ToolFilter filter) {
    return catalog.visible(filter).stream().map(Tool::name).toList();
  }
}
