package io.ferry.engine.bus;

import io.ferry.engine.core.Principal;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * One admin-API operation sent from the HTTP edge to the verticle owning the feature. Immutable by convention: the
 * sender builds it and never touches it again (the body is handed over, not shared).
 */
public record ApiCall(String action, Principal principal, String id, Map<String, String> query, JsonObject body) {

  public static ApiCall of(String action, Principal principal) {
    return new ApiCall(action, principal, null, Map.of(), null);
  }

  public ApiCall withId(String id) {
    return new ApiCall(action, principal, id, query, body);
  }

  public ApiCall withQuery(Map<String, String> query) {
    return new ApiCall(action, principal, id, Map.copyOf(query), body);
  }

  public ApiCall withBody(JsonObject body) {
    return new ApiCall(action, principal, id, query, body);
  }

  public String query(String name) {
    return query.get(name);
  }
}
