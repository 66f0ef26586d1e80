package io.ferry.engine.mcp;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.proxy.ProxyCall;
import io.ferry.engine.proxy.ProxyResult;
import io.ferry.engine.unified.UnifiedCall;
import io.ferry.engine.unified.UnifiedResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Turns a tool's arguments into a {@link ProxyCall}, and the proxy's answer into an MCP tool result: the JSON as a
 * text block plus {@code structuredContent}, and {@code isError: true} with Ferry's error envelope when the call
 * failed (bad arguments included, as the 2025-11-25 revision asks).
 */
final class ToolCall {
  /** How long a tool call waits for the account's rate limit, as a {@code /proxy} call does by default. */
  static final long MAX_WAIT_MILLIS = 30_000;

  private ToolCall() {
  }

  /** A tool's arguments sorted into the places a call takes them. */
  record Args(String id, JsonObject query, Object body, Integer limit, String cursor) {
  }

  static ProxyCall proxyCall(Tool tool, JsonObject arguments, Principal principal, String accountId) {
    Args a = args(tool, arguments);
    CallInput input = new CallInput(a.id(), a.query(), a.body(), new JsonObject(), a.limit());
    return new ProxyCall(principal, accountId, tool.resource(), tool.method(), input, a.cursor(), MAX_WAIT_MILLIS);
  }

  static UnifiedCall unifiedCall(Tool tool, JsonObject arguments, Principal principal, String accountId) {
    Args a = args(tool, arguments);
    return new UnifiedCall(principal, accountId, tool.unifiedModel(), tool.resource(), tool.method(), a.id(), a.query(),
        new JsonObject(), a.body(), new JsonObject(), a.limit(), a.cursor(), false, MAX_WAIT_MILLIS);
  }

  static Args args(Tool tool, JsonObject arguments) {
    JsonObject args = arguments == null ? new JsonObject() : arguments;
    String id = null;
    if (ToolSchemas.needsId(tool.method())) {
      Object raw = args.getValue("id");
      if (!(raw instanceof String || raw instanceof Number) || raw.toString().isBlank()) {
        throw FerryFailure.invalid("/id", "is required: the id of the record");
      }
      id = raw.toString();
    }
    Integer limit = null;
    String cursor = null;
    if ("list".equals(tool.method())) {
      limit = limit(args.getValue("limit"));
      Object c = args.getValue("next_cursor");
      if (c != null && !(c instanceof String)) {
        throw FerryFailure.invalid("/next_cursor", "must be the next_cursor string of the previous page");
      }
      cursor = c == null || ((String) c).isEmpty() ? null : (String) c;
    }
    JsonObject query = object(args, "query");
    Object body = args.getValue("body");
    if (body != null && !(body instanceof JsonObject || body instanceof JsonArray)) {
      throw FerryFailure.invalid("/body", "must be a JSON object or array");
    }
    JsonObject bodyFields = new JsonObject();
    for (Map.Entry<String, Object> e : args) {
      String k = e.getKey();
      if (k.equals("id") || k.equals("limit") || k.equals("next_cursor") || k.equals("query") || k.equals("body")) {
        continue;
      }
      if (tool.queryKeys().contains(k) || !tool.bodyKeys().contains(k) && !ToolSchemas.takesBody(tool.method())) {
        query.put(k, e.getValue());
      } else {
        bodyFields.put(k, e.getValue());
      }
    }
    if (!bodyFields.isEmpty()) {
      body = body instanceof JsonObject b ? b.copy().mergeIn(bodyFields) : bodyFields;
    }
    return new Args(id, query, body, limit, cursor);
  }

  static JsonObject result(ProxyResult r) {
    return result(r.status(), r.body());
  }

  static JsonObject result(UnifiedResult r) {
    return result(r.status(), r.body());
  }

  private static JsonObject result(int status, Object body) {
    boolean error = status >= 400;
    if (body instanceof Buffer b) {
      JsonObject text = new JsonObject().put("type", "text").put("text", b.toString());
      return new JsonObject().put("content", new JsonArray().add(text)).put("isError", error);
    }
    JsonObject structured = body instanceof JsonObject o ? o : new JsonObject().put("result", body);
    return content(structured, error);
  }

  static JsonObject failure(Throwable e) {
    return content(envelope(e), true);
  }

  /** Ferry's error body for a failure, as the HTTP edge would send it. */
  static JsonObject envelope(Throwable e) {
    int status;
    String message;
    JsonObject body = new JsonObject();
    if (e instanceof FerryFailure f) {
      status = f.code().status;
      message = f.getMessage();
      if (f.details() != null) {
        body.put("details", f.details());
      }
      if (f.extra() != null) {
        body.mergeIn(f.extra());
      }
    } else if (e instanceof ReplyException re) {
      status = switch (re.failureType()) {
        case TIMEOUT -> ErrorCode.GATEWAY_TIMEOUT.status;
        case NO_HANDLERS -> ErrorCode.UNAVAILABLE.status;
        default -> re.failureCode() >= 400 && re.failureCode() < 600 ? re.failureCode() : 500;
      };
      message = status == 504 ? "timed out" : status == 503 ? "service is starting or stopping" : re.getMessage();
    } else {
      status = 500;
      message = "internal error";
    }
    return new JsonObject().put("statusCode", status).put("error", ErrorCode.reasonOf(status)).put("message", message)
        .mergeIn(body);
  }

  private static JsonObject content(JsonObject structured, boolean error) {
    JsonObject text = new JsonObject().put("type", "text").put("text", structured.encode());
    return new JsonObject().put("content", new JsonArray().add(text)).put("structuredContent", structured)
        .put("isError", error);
  }

  private static JsonObject object(JsonObject args, String key) {
    Object v = args.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (v instanceof JsonObject o) {
      return o.copy();
    }
    throw FerryFailure.invalid("/" + key, "must be a JSON object");
  }

  private static Integer limit(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1 && n.intValue() <= 1000) {
      return n.intValue();
    }
    if (raw instanceof String s && s.matches("\\d{1,4}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 1000) {
      return Integer.parseInt(s);
    }
    throw FerryFailure.invalid("/limit", "must be an integer from 1 to 1000");
  }
}
