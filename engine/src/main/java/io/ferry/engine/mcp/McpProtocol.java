package io.ferry.engine.mcp;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.unified.UnifiedService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * MCP over one stateless JSON endpoint: {@code initialize}, {@code ping}, {@code tools/list}, {@code tools/call} and
 * {@code server/discover}; notifications and client responses are acknowledged with 202. No sessions, no SSE: every
 * request carries everything needed, so any node can answer it.
 */
final class McpProtocol {
  static final String SERVER_VERSION = "0.1.0";

  private final ProxyService proxy;
  private final UnifiedService unified;

  /** {@code unified} may be null: then accounts have no unified tools. */
  McpProtocol(ProxyService proxy, UnifiedService unified) {
    this.proxy = proxy;
    this.unified = unified;
  }

  /** Whether a decoded body is a single {@code server/discover} request. */
  static boolean isDiscovery(Object message) {
    return message instanceof JsonObject m && "server/discover".equals(m.getValue("method"));
  }

  /** A decoded body: one message, or a batch where the revision has them. */
  Future<McpReply> handle(McpSession s, Object message, String headerVersion) {
    if (message instanceof JsonArray batch) {
      String version = headerVersion == null ? McpVersions.ASSUMED_WHEN_ABSENT : headerVersion;
      if (!McpVersions.BATCHING.equals(version)) {
        return reply(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "JSON-RPC batches are not part of MCP " + version));
      }
      if (batch.isEmpty()) {
        return reply(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "empty batch"));
      }
      List<Future<JsonObject>> answers = new ArrayList<>();
      batch.forEach(m -> answers.add(one(s, m)));
      return Future.all(answers).map(all -> {
        JsonArray out = new JsonArray();
        answers.forEach(a -> {
          if (a.result() != null) {
            out.add(a.result());
          }
        });
        return out.isEmpty() ? McpReply.accepted() : new McpReply(200, out);
      });
    }
    return one(s, message).map(r -> r == null ? McpReply.accepted() : new McpReply(JsonRpc.httpStatus(r), r));
  }

  private static Future<McpReply> reply(JsonObject response) {
    return Future.succeededFuture(new McpReply(JsonRpc.httpStatus(response), response));
  }

  /** The response to one message, or null for a notification or a client's response. */
  private Future<JsonObject> one(McpSession s, Object message) {
    if (!(message instanceof JsonObject m)) {
      return Future.succeededFuture(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "a JSON-RPC message must be an object"));
    }
    Object id = m.getValue("id");
    if (!"2.0".equals(m.getValue("jsonrpc"))) {
      return Future.succeededFuture(JsonRpc.error(JsonRpc.validId(id) ? id : null, JsonRpc.INVALID_REQUEST,
          "jsonrpc must be \"2.0\""));
    }
    if (!m.containsKey("method")) {
      boolean response = JsonRpc.validId(id) && (m.containsKey("result") || m.containsKey("error"));
      return Future.succeededFuture(response ? null : JsonRpc.error(JsonRpc.validId(id) ? id : null,
          JsonRpc.INVALID_REQUEST, "a request needs a method"));
    }
    if (!(m.getValue("method") instanceof String method)) {
      return Future.succeededFuture(JsonRpc.error(JsonRpc.validId(id) ? id : null, JsonRpc.INVALID_REQUEST,
          "method must be a string"));
    }
    if (!m.containsKey("id")) {
      return Future.succeededFuture(null); // a notification: nothing to answer, whatever its method
    }
    if (!JsonRpc.validId(id)) {
      return Future.succeededFuture(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "id must be a string or a number"));
    }
    Object rawParams = m.getValue("params");
    if (rawParams != null && !(rawParams instanceof JsonObject)) {
      return Future.succeededFuture(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params must be an object"));
    }
    JsonObject params = rawParams == null ? new JsonObject() : (JsonObject) rawParams;
    return switch (method) {
      case "initialize" -> ok(id, initialize(s, params));
      case "ping" -> ok(id, new JsonObject());
      case "tools/list" -> ok(id, new JsonObject().put("tools", toolList(s)));
      case "server/discover" -> ok(id, discover(s));
      case "tools/call" -> call(s, id, params);
      default -> Future.succeededFuture(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "method not found: " + method));
    };
  }

  private static Future<JsonObject> ok(Object id, JsonObject result) {
    return Future.succeededFuture(JsonRpc.result(id, result));
  }

  private static JsonObject initialize(McpSession s, JsonObject params) {
    return new JsonObject().put("protocolVersion", McpVersions.negotiate(params.getValue("protocolVersion")))
        .put("capabilities", capabilities()).put("serverInfo", serverInfo(s)).put("instructions", instructions(s));
  }

  private static JsonObject discover(McpSession s) {
    return new JsonObject().put("supportedVersions", new JsonArray(McpVersions.SUPPORTED))
        .put("capabilities", capabilities()).put("serverInfo", serverInfo(s)).put("instructions", instructions(s));
  }

  private static JsonObject capabilities() {
    return new JsonObject().put("tools", new JsonObject().put("listChanged", false));
  }

  private static JsonObject serverInfo(McpSession s) {
    return new JsonObject().put("name", "ferry").put("title", "Ferry · " + s.server().name()).put("version", SERVER_VERSION);
  }

  private static String instructions(McpSession s) {
    return "Tools for the " + s.account().integrationName() + " account of tenant " + s.account().tenantId()
        + ". List tools return {result, next_cursor, result_count}: pass next_cursor back to get the next page.";
  }

  private static JsonArray toolList(McpSession s) {
    JsonArray out = new JsonArray();
    s.catalog().visible(s.server().filter()).forEach(t -> out.add(t.toJson()));
    return out;
  }

  private Future<JsonObject> call(McpSession s, Object id, JsonObject params) {
    Object name = params.getValue("name");
    Tool tool = name instanceof String n ? s.catalog().find(n, s.server().filter()) : null;
    if (tool == null) {
      return Future.succeededFuture(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "unknown tool: " + name));
    }
    Object args = params.getValue("arguments");
    if (args != null && !(args instanceof JsonObject)) {
      return Future.succeededFuture(JsonRpc.result(id, ToolCall.failure(FerryFailure.invalid("/arguments", "must be an object"))));
    }
    if ("needs_reauth".equals(s.account().status())) {
      return Future.succeededFuture(JsonRpc.result(id, ToolCall.failure(new FerryFailure(ErrorCode.UNAUTHORIZED,
          "the integrated account needs reauthorization: " + s.account().lastError()))));
    }
    Future<JsonObject> result;
    try {
      result = tool.unifiedModel() == null
          ? proxy.call(ToolCall.proxyCall(tool, (JsonObject) args, s.principal(), s.account().id())).map(ToolCall::result)
          : unified.call(ToolCall.unifiedCall(tool, (JsonObject) args, s.principal(), s.account().id())).map(ToolCall::result);
    } catch (FerryFailure f) {
      result = Future.failedFuture(f);
    }
    return result.recover(e -> Future.succeededFuture(ToolCall.failure(e))).map(r -> JsonRpc.result(id, r));
  }
}
