package io.ferry.engine.account;

import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of {@code POST /integrated-account/bulk}: each line is an import body (plus an optional
 * {@code external_id}); a line whose account exists — same {@code external_id}, else same tenant and install — updates
 * it (context merged as a PATCH), so a rerun creates nothing. Valid lines are written in one transaction (one commit for
 * the batch is what makes bulk import fast); a bad line is answered with its pointer and never stops the others.
 */
final class BulkImport {

  private final AccountStore store;
  private final AccountWrites writes;
  private final IntegrationStore integrations;
  private final SchemaCheck schema;

  BulkImport(AccountWrites writes, IntegrationStore integrations, SchemaCheck schema) {
    this.store = writes.store();
    this.writes = writes;
    this.integrations = integrations;
    this.schema = schema;
  }

  /** A line ready to write: its number, the account to insert or update, and whether it is new. */
  private record Planned(int line, Account account, boolean created, String externalId) {
  }

  /**
   * @param lines {@code [{line, body}]} or {@code [{line, error}]} for lines the edge could not parse
   * @return one result per line, in line order: {@code {line, status: created|updated|error, id?, error?}}
   */
  Future<JsonArray> run(String environmentId, JsonArray lines) {
    Map<Integer, JsonObject> results = new HashMap<>();
    List<Planned> planned = new ArrayList<>();
    Map<String, Future<Row>> installs = new HashMap<>();
    return store.database().inTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (Object o : lines) {
        JsonObject line = (JsonObject) o;
        int n = line.getInteger("line");
        chain = chain.compose(v -> planSafely(tx, environmentId, line, installs)
            .map(p -> {
              planned.add(p);
              return (Void) null;
            })
            .recover(e -> {
              if (!(e instanceof FerryFailure f) || f.code().status >= 500) {
                return Future.failedFuture(e); // a store fault fails the batch: nothing of it is committed
              }
              results.put(n, error(n, f));
              return Future.succeededFuture();
            }));
      }
      return chain;
    }).map(v -> {
      for (Planned p : planned) {
        writes.publish(p.account(), p.created() ? createdEvents(p.account()) : List.of("integrated_account:updated"));
        results.put(p.line(), new JsonObject().put("line", p.line()).put("status", p.created() ? "created" : "updated")
            .put("id", p.account().id()));
      }
      JsonArray out = new JsonArray();
      lines.forEach(o -> out.add(results.get(((JsonObject) o).getInteger("line"))));
      return out;
    });
  }

  private Future<Planned> planSafely(SqlConnection tx, String environmentId, JsonObject line, Map<String, Future<Row>> installs) {
    try {
      return plan(tx, environmentId, line, installs);
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
  }

  private Future<Planned> plan(SqlConnection tx, String environmentId, JsonObject line, Map<String, Future<Row>> installs) {
    int n = line.getInteger("line");
    if (line.getValue("error") != null) {
      return Future.failedFuture(FerryFailure.invalid("", line.getString("error")));
    }
    JsonObject body = line.getJsonObject("body").copy();
    Object external = body.remove("external_id");
    if (external != null && !(external instanceof String s && !s.isEmpty() && s.length() <= 255)) {
      return Future.failedFuture(FerryFailure.invalid("/external_id", "must be a string of 1 to 255 characters"));
    }
    String externalId = (String) external;
    if (body.containsKey("unified_model_override")) {
      // kept out of the bulk transaction: its expressions are compiled by the unified verticle
      return Future.failedFuture(FerryFailure.invalid("/unified_model_override",
          "not accepted in a bulk import; set it with POST or PATCH /integrated-account"));
    }
    schema.check(body);
    String installId = body.getString("environment_integration_id");
    Future<Row> install = installs.computeIfAbsent(installId, id -> integrations.installRow(environmentId, id)
        .recover(e -> Future.failedFuture(e instanceof FerryFailure f && f.code() == io.ferry.engine.bus.ErrorCode.NOT_FOUND
            ? FerryFailure.invalid("/environment_integration_id", "no environment integration with this id in this environment")
            : e)));
    return install.compose(row -> {
      Account fresh = AccountImport.of(body, environmentId, row, integrations.configSecrets()).account();
      return store.importTarget(tx, environmentId, installId, fresh.tenantId(), externalId).compose(existingId -> {
        if (existingId == null) {
          List<String> events = createdEvents(fresh);
          Future<Void> written = writes.insertIn(tx, fresh, events);
          return (externalId == null ? written : written.compose(v -> store.setExternalId(tx, environmentId, fresh.id(), externalId)))
              .map(v -> new Planned(n, fresh, true, externalId));
        }
        return store.get(tx, environmentId, existingId).compose(old -> {
          Account changed = ContextPatch.shallow(old.withTenantAndMethod(fresh.tenantId(), fresh.authenticationMethod()),
              body.getJsonObject("context")).withUpdatedAt(System.currentTimeMillis());
          return writes.updateIn(tx, changed, List.of("integrated_account:updated")).map(v -> new Planned(n, changed, false, externalId));
        });
      });
    });
  }

  private static List<String> createdEvents(Account a) {
    return "active".equals(a.status()) ? List.of("integrated_account:created", "integrated_account:active")
        : List.of("integrated_account:created");
  }

  private static JsonObject error(int line, FerryFailure f) {
    JsonObject error = new JsonObject().put("message", f.getMessage());
    if (f.details() != null && f.details().getValue("failures") instanceof JsonArray failures) {
      error.put("failures", failures);
    }
    return new JsonObject().put("line", line).put("status", "error").put("error", error);
  }
}
