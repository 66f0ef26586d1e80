package io.ferry.engine.mcp;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.proxy.ProxyCall;
import io.ferry.engine.proxy.ProxyResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MCP tool arguments to proxy calls, proxy answers to tool results")
class ToolCallTest {
  private static final Principal P = new Principal("mcp:1", "env", null, false);
  private final ToolCatalog catalog = ToolCatalog.of("acme", new JsonObject("""
      {"resources": {"users": {
        "list": {"description": "l", "query_schema": {"properties": {"status": {"type": "string"}}}},
        "get": {"description": "g"},
        "create": {"description": "c", "body_schema": {"properties": {"name": {"type": "string"}}}},
        "merge": {"description": "m"}}}}"""));

  private ProxyCall call(String tool, JsonObject args) {
    return ToolCall.proxyCall(catalog.find(tool, ToolFilter.all()), args, P, "acc");
  }

  @Test
  @DisplayName("list: limit, next_cursor and schema fields; unknown fields go to the query of a read")
  void list() {
    ProxyCall c = call("list_all_acme_users", new JsonObject().put("limit", 5).put("next_cursor", "cur")
        .put("status", "active").put("extra", 1).put("query", new JsonObject().put("sort", "name")));
    assertThat(c.method()).isEqualTo("list");
    assertThat(c.resource()).isEqualTo("users");
    assertThat(c.accountId()).isEqualTo("acc");
    assertThat(c.cursor()).isEqualTo("cur");
    assertThat(c.input().limit()).isEqualTo(5);
    assertThat(c.input().query()).isEqualTo(new JsonObject().put("sort", "name").put("status", "active").put("extra", 1));
    assertThat(c.input().body()).isNull();
  }

  @Test
  @DisplayName("writes: schema and unknown fields go to the body, merged over an explicit body; ids as strings")
  void writes() {
    ProxyCall create = call("create_a_acme_user", new JsonObject().put("name", "Bo").put("body", new JsonObject().put("x", 1)));
    assertThat(create.input().body()).isEqualTo(new JsonObject().put("x", 1).put("name", "Bo"));
    ProxyCall custom = call("merge_acme_users", new JsonObject().put("into", "u2"));
    assertThat(custom.method()).isEqualTo("merge");
    assertThat(custom.input().body()).isEqualTo(new JsonObject().put("into", "u2"));
    assertThat(call("get_single_acme_user_by_id", new JsonObject().put("id", 42)).input().id()).isEqualTo("42");
  }

  @Test
  @DisplayName("bad arguments are 400s naming the argument")
  void badArguments() {
    for (Map.Entry<String, JsonObject> e : Map.of(
        "/limit", new JsonObject().put("limit", 0),
        "/next_cursor", new JsonObject().put("next_cursor", 5),
        "/query", new JsonObject().put("query", "a=b")).entrySet()) {
      assertThatThrownBy(() -> call("list_all_acme_users", e.getValue())).as(e.getKey())
          .isInstanceOfSatisfying(FerryFailure.class, f -> assertThat(f.getMessage()).startsWith(e.getKey()));
    }
    assertThatThrownBy(() -> call("get_single_acme_user_by_id", new JsonObject().put("id", " ")))
        .isInstanceOfSatisfying(FerryFailure.class, f -> assertThat(f.getMessage()).startsWith("/id"));
  }

  @Test
  @DisplayName("results: JSON as text plus structuredContent; errors flagged; arrays wrapped; raw bodies as text")
  void results() {
    JsonObject ok = ToolCall.result(new ProxyResult(200, Map.of(), new JsonObject().put("id", "u1")));
    assertThat(ok.getBoolean("isError")).isFalse();
    assertThat(ok.getJsonObject("structuredContent")).isEqualTo(new JsonObject().put("id", "u1"));
    assertThat(ok.getJsonArray("content").getJsonObject(0)).isEqualTo(new JsonObject().put("type", "text").put("text", "{\"id\":\"u1\"}"));
    JsonObject array = ToolCall.result(new ProxyResult(200, Map.of(), new JsonArray().add(1)));
    assertThat(array.getJsonObject("structuredContent")).isEqualTo(new JsonObject().put("result", new JsonArray().add(1)));
    JsonObject failed = ToolCall.result(new ProxyResult(502, Map.of(), new JsonObject().put("statusCode", 502)));
    assertThat(failed.getBoolean("isError")).isTrue();
    JsonObject raw = ToolCall.result(new ProxyResult(200, Map.of(), Buffer.buffer("a,b")));
    assertThat(raw.containsKey("structuredContent")).isFalse();
    assertThat(raw.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("a,b");
    JsonObject envelope = ToolCall.failure(FerryFailure.invalid("/id", "is required")).getJsonObject("structuredContent");
    assertThat(envelope.getInteger("statusCode")).isEqualTo(400);
    assertThat(envelope.getJsonObject("details").getJsonArray("failures")).hasSize(1);
  }
}
