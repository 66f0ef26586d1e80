package io.ferry.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Ferry with an integration whose users are described (list, get, create with a body schema, update, delete, and
 * a custom {@code deactivate}), invoices described and tagged {@code billing}, and a provider simulator serving five
 * users two by two.
 */
abstract class McpTestBase extends ProxyTestBase {
  static final int USERS = 5;

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/users").handler(ctx -> {
      int page = Integer.parseInt(ctx.request().getParam("page"));
      int size = Integer.parseInt(ctx.request().getParam("per_page", "2"));
      JsonArray users = new JsonArray();
      for (int i = (page - 1) * size; i < Math.min(USERS, page * size); i++) {
        users.add(new JsonObject().put("id", "u" + i).put("name", "User " + i));
      }
      FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("users", users)));
    });
    up.router.get("/users/:id").handler(ctx -> {
      if (ctx.pathParam("id").equals("missing")) {
        FakeUpstream.json(ctx, 404, new JsonObject().put("error", "no user missing"));
        return;
      }
      FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("id", ctx.pathParam("id")).put("name", "Ann")));
    });
    up.router.post("/users").handler(ctx -> FakeUpstream.json(ctx, 201, ctx.body().asJsonObject().put("id", "new")));
    up.router.post("/users/:id/deactivate").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("deactivated", ctx.pathParam("id"))));
    up.router.get("/invoices").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonArray().add(new JsonObject().put("id", "in1"))));
  }

  @Override
  JsonObject config(String base) {
    JsonObject config = super.config(base);
    JsonObject users = config.getJsonObject("resources").getJsonObject("users");
    users.getJsonObject("list").put("description", "List the users of the directory")
        .put("query_schema", new JsonObject("""
            {"type": "object", "properties": {"status": {"type": "string", "enum": ["active", "inactive"]}}}"""));
    users.getJsonObject("get").put("description", "Get one user by id");
    users.getJsonObject("create").put("description", "Create a user").put("body_schema", new JsonObject("""
        {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "email": {"type": "string"}}}"""));
    users.getJsonObject("update").put("description", "Update a user");
    users.getJsonObject("delete").put("description", "Delete a user");
    users.getJsonObject("deactivate").put("description", "Deactivate a user");
    config.getJsonObject("resources").put("invoices", new JsonObject().put("list", new JsonObject()
        .put("path", "/invoices").put("pagination", (Object) null).put("description", "List invoices")));
    return config.put("tool_tags", new JsonObject().put("users", new JsonArray().add("directory").add("crm"))
        .put("invoices", new JsonArray().add("billing")));
  }

  String account() {
    return importAccount(oauthContext("tok-1", "ref-1", 3600), "oauth2", false);
  }

  /** Creates an MCP server; asserts the 201 and answers its body ({id, name, token, url, ...}). */
  JsonObject createServer(String accountId, JsonObject config) {
    JsonObject body = new JsonObject().put("name", "agent");
    if (config != null) {
      body.put("config", config);
    }
    var r = ferry.admin(HttpMethod.POST, "/integrated-account/" + accountId + "/mcp", body).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  /** A raw POST to the MCP endpoint with the given extra headers. */
  HttpResponse<Buffer> post(String token, Object body, Map<String, String> headers) {
    var request = WebClient.create(vertx).request(HttpMethod.POST, ferry.ferry().port(), "localhost", "/mcp/" + token);
    headers.forEach(request::putHeader);
    request.putHeader("content-type", "application/json").putHeader("accept", "application/json, text/event-stream");
    return request.sendBuffer(Buffer.buffer(body instanceof String s ? s : io.vertx.core.json.Json.encode(body))).await();
  }

  HttpResponse<Buffer> post(String token, Object body) {
    return post(token, body, Map.of());
  }

  static JsonObject request(Object id, String method, JsonObject params) {
    JsonObject r = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method);
    return params == null ? r : r.put("params", params);
  }

  /** {@code tools/call} over raw JSON-RPC; answers the {@code result}. */
  JsonObject callTool(String token, String name, JsonObject arguments) {
    var r = post(token, request(9, "tools/call", new JsonObject().put("name", name).put("arguments", arguments)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("result");
  }
}
