package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.account.BulkLines.Fresh;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.store.SqlQueries;
import org.slf4j.LoggerFactory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One batch of {@code POST /integrated-account/bulk}: each line is an import body (plus an optional
 * {@code external_id}); a line whose account exists — same {@code external_id}, else same tenant and install — updates
 * it (context merged as a PATCH), so a rerun creates nothing. A bad line is answered with its pointer and never stops
 * the others. The batch is one transaction made of a fixed handful of statements whatever its size — one read of the
 * accounts its lines target, one batched insert, one batched versioned update, one batched outbox write — because on
 * the embedded store every statement costs a hop to a worker thread, which per line made bulk barely faster than
 * single imports.
 */
final class BulkImport {

  private final AccountStore store;
  private final AccountWrites writes;
  private final IntegrationStore integrations;
  private final SchemaCheck schema;
  /** Per import in progress: its latest batch's transaction (only touched on the verticle's event loop). */
  private final Map<String, Future<Void>> writing = new HashMap<>();

  BulkImport(AccountWrites writes, IntegrationStore integrations, SchemaCheck schema) {
    this.store = writes.store();
    this.writes = writes;
    this.integrations = integrations;
    this.schema = schema;
  }

  /** Rows written since PostgreSQL last refreshed its statistics of the accounts table because of a bulk import. */
  private long writtenSinceAnalyze;
  static final long ANALYZE_EVERY_ROWS = 10_000;
  /** Set once this node's first bulk batch on PostgreSQL has found fresh statistics (see {@link #statisticsFirst}). */
  private boolean analyzedOnce;

  /**
   * On PostgreSQL, a bulk load outruns autovacuum's statistics: right after 100k imports a page filtered by
   * {@code integration.name} took 0.44 s (planned for a small table) instead of milliseconds. Every 10,000 rows the
   * statistics are refreshed, outside the batches' transactions (ANALYZE blocks neither reads nor writes).
   */
  private void freshenStatistics(int rows) {
    writtenSinceAnalyze += rows;
    if (writtenSinceAnalyze >= ANALYZE_EVERY_ROWS && store.database().postgres()) {
      writtenSinceAnalyze = 0;
      analyze().onFailure(e -> LoggerFactory.getLogger(BulkImport.class).warn("Refreshing account statistics failed: {}",
          e.getClass().getSimpleName()));
    }
  }

  /**
   * The first bulk batch since start waits for fresh statistics: 20,000 single imports followed by a bulk load left
   * the planner believing the table held 23 rows, and each batch's tenant lookup scanned the whole environment
   * (75–110 ms per batch instead of under 1 ms). ANALYZE samples a fixed number of rows, about 0.25 s at 100k accounts.
   */
  private Future<Void> statisticsFirst() {
    if (analyzedOnce || !store.database().postgres()) {
      return Future.succeededFuture();
    }
    analyzedOnce = true;
    return analyze().otherwiseEmpty();
  }

  private Future<Void> analyze() {
    return store.database().run(SqlQueries.ANALYZE_ACCOUNTS, Map.of()).mapEmpty();
  }

  /** What one line did to its account; the account's row holds the last step's state. */
  private record Step(int line, String id, boolean created, AccountWrites.Change change) {
  }

  /** An account the batch writes: as read from the store (null: created by the batch) and its newest state. */
  private static final class Target {
    final Account read;
    final String externalId;
    Account latest;

    Target(Account read, Account latest, String externalId) {
      this.read = read;
      this.latest = latest;
      this.externalId = externalId;
    }
  }

  /**
   * @param lines {@code [{line, body}]} or {@code [{line, error}]} for lines the edge could not parse
   * @return one result per line, in line order: {@code {line, status: created|updated|error, id?, error?}}
   */
  Future<JsonArray> run(String environmentId, JsonArray lines) {
    return run(environmentId, null, lines);
  }

  /**
   * As {@link #run(String, JsonArray)}, for the batches of one import ({@code importId}) sent while earlier ones are
   * still being written: a batch's checks (schema, install, credentials, sealing) run at once, overlapping the
   * previous batch's transaction, while its own transaction waits for that one to end — a line still sees every
   * account an earlier line created.
   */
  Future<JsonArray> run(String environmentId, String importId, JsonArray lines) {
    Map<Integer, JsonObject> results = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    Future<List<Fresh>> checked = BulkLines.check(lines, schema, results, integrations, environmentId);
    Future<Void> previous = importId == null ? Future.succeededFuture() : writing.getOrDefault(importId, Future.succeededFuture());
    Future<Void> statistics = statisticsFirst();
    Future<Void> written = checked.compose(fresh -> previous.transform(ignored -> statistics.transform(ready ->
        store.database().inTransaction(tx -> customPlans(tx).compose(v -> write(tx, environmentId, fresh, results, steps))))));
    if (importId != null) {
      Future<Void> mine = written.otherwiseEmpty();
      writing.put(importId, mine);
      mine.onComplete(ar -> writing.remove(importId, mine));
    }
    return written.map(v -> {
          freshenStatistics(steps.size());
          for (Step s : steps) {
            writes.publish(s.change());
            results.put(s.line(), new JsonObject().put("line", s.line()).put("status", s.created() ? "created" : "updated")
                .put("id", s.id()));
          }
          JsonArray out = new JsonArray();
          lines.forEach(o -> out.add(results.get(((JsonObject) o).getInteger("line"))));
          return out;
        });
  }

  /**
   * PostgreSQL plans a batch's reads for its own keys: the client caches these statements, and after five runs
   * PostgreSQL may switch a cached statement to a generic plan, which cannot see how few rows an array of keys selects.
   */
  private Future<Void> customPlans(SqlConnection tx) {
    return store.database().postgres() ? store.database().run(tx, SqlQueries.CUSTOM_PLANS_IN_TRANSACTION, Map.of()).mapEmpty()
        : Future.succeededFuture();
  }

  private Future<Void> write(SqlConnection tx, String env, List<Fresh> fresh, Map<Integer, JsonObject> results, List<Step> steps) {
    Map<String, List<String>> tenantsByInstall = new LinkedHashMap<>();
    List<String> externalIds = new ArrayList<>(new LinkedHashSet<>(fresh.stream()
        .filter(f -> f.externalId() != null).map(Fresh::externalId).toList()));
    fresh.stream().filter(f -> f.externalId() == null).forEach(f -> {
      List<String> tenants = tenantsByInstall.computeIfAbsent(f.account().environmentIntegrationId(), k -> new ArrayList<>());
      if (!tenants.contains(f.account().tenantId())) {
        tenants.add(f.account().tenantId());
      }
    });
    Map<String, String> byTenant = new HashMap<>();
    Future<Void> tenantReads = Future.succeededFuture();
    for (Map.Entry<String, List<String>> e : tenantsByInstall.entrySet()) {
      tenantReads = tenantReads.compose(v -> store.oldestByTenant(tx, env, e.getKey(), e.getValue()).map(found -> {
        found.forEach((tenant, id) -> byTenant.put(Fresh.tenantKey(e.getKey(), tenant), id));
        return (Void) null;
      }));
    }
    return tenantReads.compose(v -> store.idsByExternalId(tx, env, externalIds)).compose(byExternal -> {
      List<String> ids = new ArrayList<>(new LinkedHashSet<>(byTenant.values()));
      byExternal.values().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
      return store.getAll(tx, env, ids).compose(existing -> {
        Map<String, Target> targets = plan(fresh, new HashMap<>(byExternal), byTenant, existing, results, steps);
        return store(tx, targets, results, steps);
      });
    });
  }

  /** Decides, line by line, which account each line creates or updates; a later line sees an earlier one's account. */
  private Map<String, Target> plan(List<Fresh> fresh, Map<String, String> byExternal, Map<String, String> byTenant,
                                   Map<String, Account> existing, Map<Integer, JsonObject> results, List<Step> steps) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Fresh f : fresh) {
      String id = f.externalId() != null ? byExternal.get(f.externalId()) : byTenant.get(f.tenantKey());
      try {
        if (id == null || (!targets.containsKey(id) && !existing.containsKey(id))) {
          Account a = f.account();
          targets.put(a.id(), new Target(null, a, f.externalId()));
          if (f.externalId() != null) {
            byExternal.put(f.externalId(), a.id());
          }
          byTenant.putIfAbsent(f.tenantKey(), a.id());
          steps.add(new Step(f.line(), a.id(), true, new AccountWrites.Change(a, createdEvents(a))));
          continue;
        }
        Target t = targets.computeIfAbsent(id, k -> new Target(existing.get(k), existing.get(k), null));
        Account changed = ContextPatch.shallow(t.latest.withTenantAndMethod(f.account().tenantId(),
            f.account().authenticationMethod()), f.body().getJsonObject("context")).withUpdatedAt(System.currentTimeMillis());
        t.latest = changed;
        steps.add(new Step(f.line(), id, false,
            new AccountWrites.Change(changed, List.of("integrated_account:updated"))));
      } catch (FerryFailure e) {
        if (e.code().status >= 500) {
          throw e;
        }
        results.put(f.line(), BulkLines.error(f.line(), e));
      }
    }
    return targets;
  }

  /** The batched writes; an account another writer changed since it was read fails its lines (409), not the batch. */
  private Future<Void> store(SqlConnection tx, Map<String, Target> targets, Map<Integer, JsonObject> results, List<Step> steps) {
    List<Account> created = new ArrayList<>();
    List<String> createdExternal = new ArrayList<>();
    List<Account> updated = new ArrayList<>();
    for (Target t : targets.values()) {
      if (t.read == null) {
        created.add(t.latest);
        createdExternal.add(t.externalId);
      } else {
        updated.add(t.latest.withVersion(t.read.version()));
      }
    }
    return store.insertAll(tx, created, createdExternal).compose(v -> store.updateAll(tx, updated)).compose(written -> {
      List<String> updatedIds = new ArrayList<>();
      for (int i = 0; i < updated.size(); i++) {
        String id = updated.get(i).id();
        if (written.get(i)) {
          updatedIds.add(id);
          continue;
        }
        FerryFailure lost = new AccountStore.StaleVersion(id);
        steps.removeIf(s -> {
          if (s.id().equals(id)) {
            results.put(s.line(), BulkLines.error(s.line(), lost));
            return true;
          }
          return false;
        });
      }
      return writes.eventsIn(tx, steps.stream().map(Step::change).toList(), updatedIds);
    });
  }

  private static List<String> createdEvents(Account a) {
    return "active".equals(a.status()) ? List.of("integrated_account:created", "integrated_account:active")
        : List.of("integrated_account:created");
  }
}
