package io.ferry.engine.mcp;

import io.vertx.core.json.JsonObject;

/** JSON-RPC 2.0 message shapes and error codes. */
final class JsonRpc {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private JsonRpc() {
  }

  static JsonObject result(Object id, JsonObject result) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
  }

  static JsonObject error(Object id, int code, String message) {
    return new JsonObject().put("jsonrpc", "2.0").put("id", id)
        .put("error", new JsonObject().put("code", code).put("message", message));
  }

  /** Parse errors and malformed messages are the client's transport fault: HTTP 400; the rest ride a 200. */
  static int httpStatus(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    int code = error == null ? 0 : error.getInteger("code");
    return code == PARSE_ERROR || code == INVALID_REQUEST ? 400 : 200;
  }

  static boolean validId(Object id) {
    return id instanceof String || id instanceof Number;
  }
}
