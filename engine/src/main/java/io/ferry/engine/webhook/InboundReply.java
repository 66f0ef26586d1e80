package io.ferry.engine.webhook;

import java.util.Map;

/** Ferry's answer to the third party: status, headers and a body (String, Buffer, JSON or null). */
public record InboundReply(int status, Map<String, String> headers, Object body) {

  public static InboundReply accepted() {
    return new InboundReply(200, Map.of(), new io.vertx.core.json.JsonObject().put("ok", true));
  }

  /** One message for every failed check, so a caller learns nothing about which check failed. */
  public static InboundReply rejected() {
    return new InboundReply(401, Map.of(), new io.vertx.core.json.JsonObject().put("statusCode", 401)
        .put("error", "Unauthorized").put("message", "webhook verification failed"));
  }
}
