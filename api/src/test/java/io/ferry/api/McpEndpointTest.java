package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /mcp/{token}} over raw HTTP: the transport rules, JSON-RPC framing, and how tool calls fail. */
@ExtendWith(VertxExtension.class)
@DisplayName("MCP endpoint: Streamable HTTP rules and JSON-RPC")
class McpEndpointTest extends McpTestBase {

  @Override
  FerryOptions options() {
    return super.options().withMcpAllowedOrigins(List.of("https://agent.example.com"));
  }

  private String token() {
    return createServer(account(), null).getString("token");
  }

  @Test
  @DisplayName("GET and DELETE answer 405; an unsupported MCP-Protocol-Version 400; a supported one passes")
  void methodsAndProtocolVersion() {
    String token = token();
    var client = WebClient.create(vertx);
    for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.DELETE)) {
      var r = client.request(m, ferry.ferry().port(), "localhost", "/mcp/" + token).send().await();
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(r.getHeader("Allow")).isEqualTo("POST");
      assertThat(r.bodyAsJsonObject().getInteger("statusCode")).isEqualTo(405);
    }
    var bad = post(token, request(1, "ping", null), Map.of("MCP-Protocol-Version", "1999-01-01"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("message")).contains("1999-01-01");
    var good = post(token, request(1, "ping", null), Map.of("MCP-Protocol-Version", "2025-06-18"));
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.bodyAsJsonObject()).isEqualTo(new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("result", new JsonObject()));
  }

  @Test
  @DisplayName("Origin: absent, same-origin and configured origins pass; any other is 403 before the token is even looked at")
  void originChecked() {
    String token = token();
    int port = ferry.ferry().port();
    assertThat(post(token, request(1, "ping", null), Map.of("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
    assertThat(post("fry_unknown", request(1, "ping", null), Map.of("Origin", "http://rebind.example:" + port)).statusCode())
        .isEqualTo(403);
    assertThat(post(token, request(1, "ping", null), Map.of("Origin", "http://localhost:" + port)).statusCode()).isEqualTo(200);
    assertThat(post(token, request(1, "ping", null), Map.of("Origin", "https://agent.example.com")).statusCode()).isEqualTo(200);
    assertThat(post(token, request(1, "ping", null)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("an unknown token is 404; a deleted server's token stops working at once")
  void unknownAndDeletedTokens() {
    String accountId = account();
    JsonObject server = createServer(accountId, null);
    assertThat(post("fry_unknown", request(1, "ping", null)).statusCode()).isEqualTo(404);
    assertThat(post(server.getString("token"), request(1, "ping", null)).statusCode()).isEqualTo(200);
    var deleted = ferry.admin(HttpMethod.DELETE, "/integrated-account/" + accountId + "/mcp/" + server.getString("id"), null).await();
    assertThat(deleted.statusCode()).isEqualTo(200);
    var after = post(server.getString("token"), request(1, "ping", null));
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(after.bodyAsJsonObject().getString("message")).contains("no MCP server");
  }

  @Test
  @DisplayName("concurrent calls, spread over the HTTP event loops, see the same tools; once deleted, none gets through")
  void concurrentCallsAndDelete() {
    String accountId = account();
    JsonObject server = createServer(accountId, null);
    for (int round = 0; round < 3; round++) {
      List<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        calls.add(WebClient.create(vertx).post(ferry.ferry().port(), "localhost", "/mcp/" + server.getString("token"))
            .sendJsonObject(request(i, "tools/list", null)));
      }
      io.vertx.core.Future.all(calls).await();
      assertThat(calls).allSatisfy(c -> assertThat(c.result().bodyAsJsonObject().getJsonObject("result").getJsonArray("tools")
          .stream().map(t -> ((JsonObject) t).getString("name")).toList()).hasSize(7).isSorted());
    }
    ferry.admin(HttpMethod.DELETE, "/integrated-account/" + accountId + "/mcp/" + server.getString("id"), null).await();
    List<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> after = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      after.add(WebClient.create(vertx).post(ferry.ferry().port(), "localhost", "/mcp/" + server.getString("token"))
          .sendJsonObject(request(i, "ping", null)));
    }
    io.vertx.core.Future.all(after).await();
    assertThat(after).allSatisfy(c -> assertThat(c.result().statusCode()).isEqualTo(404));
  }

  @Test
  @DisplayName("initialize echoes a supported protocolVersion, else answers the newest; notifications get 202; server/discover")
  void initializeAndDiscover() {
    String token = token();
    for (String v : List.of("2025-03-26", "2025-06-18", "2025-11-25")) {
      JsonObject r = post(token, request(1, "initialize", new JsonObject().put("protocolVersion", v)
          .put("capabilities", new JsonObject()).put("clientInfo", new JsonObject().put("name", "t").put("version", "1"))))
          .bodyAsJsonObject().getJsonObject("result");
      assertThat(r.getString("protocolVersion")).isEqualTo(v);
      assertThat(r.getJsonObject("capabilities")).isEqualTo(new JsonObject().put("tools", new JsonObject().put("listChanged", false)));
    }
    assertThat(post(token, request("a", "initialize", new JsonObject().put("protocolVersion", "2024-11-05")))
        .bodyAsJsonObject().getJsonObject("result").getString("protocolVersion")).isEqualTo("2025-11-25");
    var note = post(token, new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    assertThat(note.statusCode()).isEqualTo(202);
    assertThat(note.body()).isNull();
    JsonObject discover = post(token, request(2, "server/discover", null), Map.of("MCP-Protocol-Version", "2026-07-28"))
        .bodyAsJsonObject().getJsonObject("result");
    assertThat(discover.getJsonArray("supportedVersions")).containsExactly("2025-11-25", "2025-06-18", "2025-03-26");
    assertThat(discover.getJsonObject("serverInfo").getString("name")).isEqualTo("ferry");
  }

  @Test
  @DisplayName("malformed JSON-RPC: parse error -32700, invalid request -32600, unknown method -32601, bad params -32602")
  void malformedMessages() {
    String token = token();
    var parse = post(token, "{\"jsonrpc\": ");
    assertThat(parse.statusCode()).isEqualTo(400);
    assertThat(parse.bodyAsJsonObject().getJsonObject("error").getInteger("code")).isEqualTo(-32700);
    assertThat(parse.bodyAsJsonObject().containsKey("id")).isTrue();
    assertThat(code(post(token, new JsonObject().put("jsonrpc", "1.0").put("id", 1).put("method", "ping")))).isEqualTo(-32600);
    assertThat(code(post(token, new JsonObject().put("jsonrpc", "2.0").put("id", new JsonObject()).put("method", "ping")))).isEqualTo(-32600);
    assertThat(code(post(token, "42"))).isEqualTo(-32600);
    var unknown = post(token, request(3, "resources/list", null));
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(code(unknown)).isEqualTo(-32601);
    assertThat(unknown.bodyAsJsonObject().getInteger("id")).isEqualTo(3);
    assertThat(code(post(token, new JsonObject().put("jsonrpc", "2.0").put("id", 4).put("method", "tools/call")
        .put("params", new JsonArray())))).isEqualTo(-32602);
    assertThat(code(post(token, request(5, "tools/call", new JsonObject().put("name", "no_such_tool"))))).isEqualTo(-32602);
  }

  @Test
  @DisplayName("batches: answered as an array under 2025-03-26 (notifications left out); refused under later revisions")
  void batches() {
    String token = token();
    JsonArray batch = new JsonArray().add(request(1, "ping", null))
        .add(new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/initialized"))
        .add(request(2, "tools/list", null));
    var old = post(token, batch, Map.of("MCP-Protocol-Version", "2025-03-26"));
    assertThat(old.statusCode()).isEqualTo(200);
    JsonArray answers = old.bodyAsJsonArray();
    assertThat(answers).hasSize(2);
    assertThat(answers.getJsonObject(0).getInteger("id")).isEqualTo(1);
    assertThat(answers.getJsonObject(1).getJsonObject("result").getJsonArray("tools")).hasSize(7);
    var newer = post(token, batch, Map.of("MCP-Protocol-Version", "2025-06-18"));
    assertThat(newer.statusCode()).isEqualTo(400);
    assertThat(code(newer)).isEqualTo(-32600);
  }

  @Test
  @DisplayName("tool failures are results with isError and Ferry's envelope: upstream errors, missing id")
  void toolErrors() {
    String token = token();
    JsonObject remote = callTool(token, "get_single_acme_user_by_id", new JsonObject().put("id", "missing"));
    assertThat(remote.getBoolean("isError")).isTrue();
    JsonObject envelope = remote.getJsonObject("structuredContent");
    assertThat(envelope.getInteger("statusCode")).isEqualTo(404);
    assertThat(envelope.getBoolean("truto_is_remote_error")).isTrue();
    assertThat(envelope.getString("message")).isEqualTo("no user missing");
    assertThat(new JsonObject(remote.getJsonArray("content").getJsonObject(0).getString("text"))).isEqualTo(envelope);

    JsonObject noId = callTool(token, "get_single_acme_user_by_id", new JsonObject());
    assertThat(noId.getBoolean("isError")).isTrue();
    assertThat(noId.getJsonObject("structuredContent").getInteger("statusCode")).isEqualTo(400);
    assertThat(noId.getJsonObject("structuredContent").getString("message")).startsWith("/id");
    assertThat(upstream.to("/users/missing")).hasSize(1);
  }

  @Test
  @DisplayName("write tools put schema arguments in the body; the generic shape passes body and query through")
  void writeToolsShapeTheRequest() {
    String token = token();
    JsonObject created = callTool(token, "create_a_acme_user", new JsonObject().put("name", "Bo").put("email", "bo@x.io"));
    assertThat(created.getBoolean("isError")).isFalse();
    assertThat(created.getJsonObject("structuredContent").getString("id")).isEqualTo("new");
    assertThat(new JsonObject(upstream.to("/users").get(0).body())).isEqualTo(new JsonObject().put("name", "Bo").put("email", "bo@x.io"));

    JsonObject custom = callTool(token, "deactivate_acme_users", new JsonObject().put("body", new JsonObject().put("id", "u7")));
    assertThat(custom.getJsonObject("structuredContent")).isEqualTo(new JsonObject().put("deactivated", "u7"));

    JsonArray tools = post(token, request(1, "tools/list", null)).bodyAsJsonObject().getJsonObject("result").getJsonArray("tools");
    JsonObject create = find(tools, "create_a_acme_user").getJsonObject("inputSchema");
    assertThat(create.getJsonObject("properties").fieldNames()).containsExactlyInAnyOrder("name", "email", "query");
    assertThat(create.getJsonArray("required")).containsExactly("name");
    JsonObject get = find(tools, "get_single_acme_user_by_id");
    assertThat(get.getJsonObject("inputSchema").getJsonObject("properties").fieldNames()).containsExactlyInAnyOrder("id", "query");
    assertThat(get.getString("description")).isEqualTo("Get one user by id");
    assertThat(get.getJsonObject("annotations").getBoolean("readOnlyHint")).isTrue();
    assertThat(find(tools, "list_all_acme_users").getJsonObject("inputSchema").getJsonObject("properties").fieldNames())
        .containsExactlyInAnyOrder("limit", "next_cursor", "status");
  }

  @Test
  @DisplayName("an account in needs_reauth fails every tool with that reason, without calling the upstream")
  void needsReauth() {
    upstream.router.post("/oauth/token").order(-1).handler(ctx -> FakeUpstream.json(ctx, 400,
        new JsonObject().put("error", "invalid_grant").put("error_description", "revoked")));
    String accountId = importAccount(oauthContext("tok-old", "ref-1", 1), "oauth2", false);
    String token = createServer(accountId, null).getString("token");
    JsonObject first = callTool(token, "list_all_acme_users", new JsonObject());
    assertThat(first.getBoolean("isError")).isTrue();
    assertThat(account(accountId).getString("status")).isEqualTo("needs_reauth");
    for (String tool : List.of("list_all_acme_users", "get_single_acme_user_by_id", "create_a_acme_user")) {
      JsonObject r = callTool(token, tool, new JsonObject().put("id", "u1").put("name", "x"));
      assertThat(r.getBoolean("isError")).as(tool).isTrue();
      assertThat(r.getJsonObject("structuredContent").getInteger("statusCode")).isEqualTo(401);
      assertThat(r.getJsonObject("structuredContent").getString("message")).contains("needs reauthorization", "invalid_grant");
    }
    assertThat(upstream.count(r -> r.path().startsWith("/users"))).isZero();
  }

  @Test
  @DisplayName("require_api_token_auth: no token 401, a token of the account's environment passes, another environment's 403")
  void requireApiToken() {
    String token = createServer(account(), new JsonObject().put("require_api_token_auth", true)).getString("token");
    assertThat(post(token, request(1, "ping", null)).statusCode()).isEqualTo(401);
    assertThat(post(token, request(1, "ping", null), Map.of("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN)).statusCode())
        .isEqualTo(200);
    assertThat(post(token, request(1, "ping", null), Map.of("Authorization", "Bearer fry_wrong")).statusCode()).isEqualTo(401);
    String otherEnv = ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", "other")).await()
        .bodyAsJsonObject().getString("id");
    String otherToken = ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", otherEnv)
        .put("name", "o")).await().bodyAsJsonObject().getString("token");
    assertThat(post(token, request(1, "ping", null), Map.of("Authorization", "Bearer " + otherToken)).statusCode()).isEqualTo(403);
  }

  private static int code(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getInteger("code");
  }

  private static JsonObject find(JsonArray tools, String name) {
    return tools.stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals(name)).findFirst().orElseThrow();
  }
}
