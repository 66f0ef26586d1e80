package io.ferry.engine.bus;

/** Reply to an {@link ApiCall}: an HTTP status and a JSON body (JsonObject or JsonArray), passed by reference. */
public record ApiResult(int status, Object body) {

  public static ApiResult ok(Object body) {
    return new ApiResult(200, body);
  }

  public static ApiResult created(Object body) {
    return new ApiResult(201, body);
  }
}
