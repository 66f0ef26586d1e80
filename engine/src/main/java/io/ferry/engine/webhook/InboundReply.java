package io.ferry.engine.webhook;

import java.util.Map;

/** Ferry's answer to the third party: status, headers and a body (String, Buffer, JSON or null). */
public record InboundReply(int status, Map<String, String> headers, Object body) {

  public static InboundReply accepted() {
    return new InboundReply(200, Map.of(), new io.vertx.core.json.JsonObject().put("ok", true));
  }

  /** Not stored (transform or commit failed): the provider should send it again. */
  public static InboundReply failed() {
    return new InboundReply(500, Map.of(), new io.vertx.core.json.JsonObject().put("statusCode", 500)
        .put("error", "Internal Server Error").put("message", "the webhook was not stored; send it again"));
  }

  /** One message for every failed check, so a caller learns nothing about which check failed. */
  public static InboundReply rejected() {
    return new InboundReply(401, Map.of(), new io.vertx.core.json.JsonObject().put("statusCode", 401)
        .put("error", "Unauthorized").put("message", "webhook verification failed"));
  }
}
