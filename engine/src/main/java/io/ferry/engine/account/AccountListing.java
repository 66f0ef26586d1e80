package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.store.Keyset;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /integrated-account}: filters, keyset pagination and the {@code {result, next_cursor, limit}} envelope. */
final class AccountListing {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Set<String> STATUSES = Set.of("active", "connecting", "post_install_error", "validation_error", "needs_reauth");

  private AccountListing() {
  }

  static Future<JsonObject> list(AccountStore store, String environmentId, Map<String, String> q) {
    int limit = Keyset.limit(q.get("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    Map<String, Object> f = new HashMap<>();
    f.put("environment_id", environmentId);
    f.put("tenant_id", q.get("tenant_id"));
    String status = q.get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw FerryFailure.invalid("/status", "must be one of " + String.join(", ", STATUSES));
    }
    f.put("status", status);
    f.put("is_sandbox", bool(q.get("is_sandbox")));
    f.put("integration_name", q.get("integration.name"));
    f.put("environment_integration_id", q.get("environment_integration_id"));
    f.put("created_gt", Keyset.instant("created_at[gt]", q.get("created_at[gt]")));
    f.put("created_lt", Keyset.instant("created_at[lt]", q.get("created_at[lt]")));
    String[] cursor = Keyset.cursor(q.get("next_cursor"));
    f.put("after_at", cursor == null ? null : Long.parseLong(cursor[0]));
    f.put("after_id", cursor == null ? null : cursor[1]);
    return store.list(f, limit).map(rows -> page(rows, limit));
  }

  private static JsonObject page(List<Account> rows, int limit) {
    JsonArray result = new JsonArray();
    rows.stream().limit(limit).forEach(a -> result.add(AccountJson.of(a)));
    String next = null;
    if (rows.size() > limit) {
      Account last = rows.get(limit - 1);
      next = Keyset.cursor(last.createdAt(), last.id());
    }
    return new JsonObject().put("result", result).put("next_cursor", next).put("limit", limit);
  }

  private static Boolean bool(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (!raw.equals("true") && !raw.equals("false")) {
      throw FerryFailure.invalid("/is_sandbox", "must be true or false");
    }
    return Boolean.valueOf(raw);
  }

}
