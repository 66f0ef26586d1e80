package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

/**
 * The caller's side of one call: record id, query parameters (Ferry's own {@code integrated_account_id},
 * {@code limit} and {@code next_cursor} already taken out), body, headers, and the requested page size.
 */
public record CallInput(String id, JsonObject query, Object body, JsonObject headers, Integer limit) {

  public static CallInput empty() {
    return new CallInput(null, new JsonObject(), null, new JsonObject(), null);
  }

  public CallInput withLimit(Integer newLimit) {
    return new CallInput(id, query, body, headers, newLimit);
  }
}
