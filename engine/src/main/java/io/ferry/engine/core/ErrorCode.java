package io.ferry.engine.core;

/** Failure codes shared by every verticle; the HTTP edge maps each to its status in one place. */
public enum ErrorCode {
  BAD_REQUEST(400, "Bad Request"),
  UNAUTHORIZED(401, "Unauthorized"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not Found"),
  METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
  CONFLICT(409, "Conflict"),
  PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
  UNPROCESSABLE(422, "Unprocessable Entity"),
  RATE_LIMITED(429, "Too Many Requests"),
  INTERNAL(500, "Internal Server Error"),
  BAD_GATEWAY(502, "Bad Gateway"),
  UNAVAILABLE(503, "Service Unavailable"),
  GATEWAY_TIMEOUT(504, "Gateway Timeout");

  public final int status;
  public final String reason;

  ErrorCode(int status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  /** Canonical reason phrase for any HTTP status, also ones without a code here (upstream statuses). */
  public static String reasonOf(int status) {
    for (ErrorCode c : values()) {
      if (c.status == status) {
        return c.reason;
      }
    }
    return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
