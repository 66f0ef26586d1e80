package io.ferry.engine.unified;

import io.ferry.engine.core.Principal;
import io.vertx.core.json.JsonObject;

/**
 * One {@code /unified/{model}/{resource}} call: the account, the unified method ({@code list}, {@code get},
 * {@code create}, {@code update}, {@code delete} or a custom method's name), the record id, the unified query (filters
 * as operator objects, e.g. {@code {"updated_at": {"gt": "…"}}}), {@code remote_query} passed upstream as is, the body,
 * the caller's headers, page size and cursor.
 */
public record UnifiedCall(Principal principal, String accountId, String model, String resource, String method, String id,
                          JsonObject query, JsonObject remoteQuery, Object body, JsonObject headers, Integer limit,
                          String cursor, boolean ignoreRemoteData, long maxWaitMillis) {

  public boolean isCustom() {
    return !switch (method) {
      case "list", "get", "create", "update", "delete" -> true;
      default -> false;
    };
  }
}
