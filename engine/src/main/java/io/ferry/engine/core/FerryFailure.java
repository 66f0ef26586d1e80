package io.ferry.engine.core;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A failure with a code, a message safe to show the caller, and optional details. It travels over the local event
 * bus as the reply itself (the reply-exception codec passes the same instance), so details are never lost.
 */
public class FerryFailure extends ReplyException {

  private final ErrorCode code;
  private final JsonObject details;
  private final JsonObject extra;

  public FerryFailure(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public FerryFailure(ErrorCode code, String message, JsonObject details, JsonObject extra) {
    super(ReplyFailure.RECIPIENT_FAILURE, code.status, message);
    this.code = code;
    this.details = details;
    this.extra = extra;
  }

  public ErrorCode code() {
    return code;
  }

  /** Optional {@code details} member of the error body. */
  public JsonObject details() {
    return details;
  }

  /** Extra top-level members of the error body (e.g. {@code truto_is_remote_error}, {@code raw_response}). */
  public JsonObject extra() {
    return extra;
  }

  public static FerryFailure badRequest(String message) {
    return new FerryFailure(ErrorCode.BAD_REQUEST, message);
  }

  /** A validation failure naming the field by JSON pointer and the reason. */
  public static FerryFailure invalid(String pointer, String reason) {
    return invalid(new JsonArray().add(new JsonObject().put("pointer", pointer).put("reason", reason)));
  }

  public static FerryFailure invalid(JsonArray failures) {
    JsonObject first = failures.getJsonObject(0);
    String message = (first.getString("pointer").isEmpty() ? "body" : first.getString("pointer")) + ": " + first.getString("reason");
    return new FerryFailure(ErrorCode.BAD_REQUEST, message, new JsonObject().put("failures", failures), null);
  }

  public static FerryFailure notFound(String message) {
    return new FerryFailure(ErrorCode.NOT_FOUND, message);
  }

  /** True for a "no such row" failure, as opposed to a store fault: {@code recover()} may translate only these. */
  public static boolean isNotFound(Throwable e) {
    return e instanceof FerryFailure f && f.code() == ErrorCode.NOT_FOUND;
  }

  public static FerryFailure conflict(String message) {
    return new FerryFailure(ErrorCode.CONFLICT, message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
