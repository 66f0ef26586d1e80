package io.ferry.engine.bus;

/**
 * Reply to an {@link ApiCall}: an HTTP status and a JSON body (JsonObject or JsonArray), passed by reference.
 * {@code audited}: the write already committed its audit record with the change, so the edge records none.
 */
public record ApiResult(int status, Object body, boolean audited) {

  public ApiResult(int status, Object body) {
    this(status, body, false);
  }

  public static ApiResult ok(Object body) {
    return new ApiResult(200, body);
  }

  public static ApiResult created(Object body) {
    return new ApiResult(201, body);
  }

  /** The same status and flag over another body. */
  public ApiResult withBody(Object other) {
    return new ApiResult(status, other, audited);
  }
}
