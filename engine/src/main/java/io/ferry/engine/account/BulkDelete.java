package io.ferry.engine.account;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /integrated-account/bulk-delete}: by {@code ids} (unknown ids in this environment are skipped) or by
 * {@code tenant_id} (every account of that tenant). Each account is deleted through {@link AccountWrites}, so each
 * emits its {@code integrated_account:deleted} event; accounts are deleted one page at a time, never all held at once.
 */
final class BulkDelete {
  private static final int PAGE = 200;

  private BulkDelete() {
  }

  static Future<Integer> run(AccountStore store, AccountWrites writes, String environmentId, JsonObject body) {
    if (body.getValue("ids") != null) {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Object id : body.getJsonArray("ids")) {
        chain = chain.compose(n -> store.get(environmentId, (String) id).compose(writes::delete).map(a -> n + 1)
            .recover(e -> e instanceof FerryFailure f && f.code() == ErrorCode.NOT_FOUND
                ? Future.succeededFuture(n) : Future.failedFuture(e)));
      }
      return chain;
    }
    return tenantPages(store, writes, environmentId, body.getString("tenant_id"), 0);
  }

  private static Future<Integer> tenantPages(AccountStore store, AccountWrites writes, String environmentId,
                                             String tenantId, int deleted) {
    Map<String, Object> filters = new HashMap<>();
    filters.put("environment_id", environmentId);
    filters.put("tenant_id", tenantId);
    return store.list(filters, PAGE).compose(page -> deleteAll(writes, page, deleted).compose(n ->
        page.isEmpty() ? Future.succeededFuture(n) : tenantPages(store, writes, environmentId, tenantId, n)));
  }

  private static Future<Integer> deleteAll(AccountWrites writes, List<Account> page, int deleted) {
    Future<Integer> chain = Future.succeededFuture(deleted);
    for (Account a : page) {
      chain = chain.compose(n -> writes.delete(a).map(x -> n + 1));
    }
    return chain;
  }
}
