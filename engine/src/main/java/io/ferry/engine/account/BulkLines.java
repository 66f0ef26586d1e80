package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a bulk-import batch that need no transaction: each line's shape and schema, then its install (read
 * once per install and batch) and credentials. A line that fails is answered with its pointer; the rest go on.
 */
final class BulkLines {

  private BulkLines() {
  }

  /** A line that passed every check but the store's: the account it would create, and how it finds an existing one. */
  record Fresh(int line, JsonObject body, Account account, String externalId) {
    String tenantKey() {
      return tenantKey(account.environmentIntegrationId(), account.tenantId());
    }

    static String tenantKey(String installId, String tenantId) {
      return installId + '\n' + tenantId;
    }
  }

  /** The lines that passed, in line order; the others' error results are put into {@code results}. */
  static Future<List<Fresh>> check(JsonArray lines, SchemaCheck schema, Map<Integer, JsonObject> results,
                                   IntegrationStore integrations, String environmentId) {
    List<JsonObject> bodies = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    List<String> externalIds = new ArrayList<>();
    Map<String, Future<AccountImport.Install>> installs = new LinkedHashMap<>();
    for (Object o : lines) {
      JsonObject line = (JsonObject) o;
      int n = line.getInteger("line");
      try {
        if (line.getValue("error") != null) {
          throw FerryFailure.invalid("", line.getString("error"));
        }
        JsonObject body = line.getJsonObject("body"); // the edge parsed it for this batch alone: ours to change
        Object external = body.remove("external_id");
        if (external != null && !(external instanceof String s && !s.isEmpty() && s.length() <= 255)) {
          throw FerryFailure.invalid("/external_id", "must be a string of 1 to 255 characters");
        }
        if (body.containsKey("unified_model_override")) {
          // kept out of the bulk transaction: its expressions are compiled by the unified verticle
          throw FerryFailure.invalid("/unified_model_override",
              "not accepted in a bulk import; set it with POST or PATCH /integrated-account");
        }
        schema.check(body);
        installs.computeIfAbsent(body.getString("environment_integration_id"), id -> install(integrations, environmentId, id));
        bodies.add(body);
        numbers.add(n);
        externalIds.add((String) external);
      } catch (FerryFailure f) {
        results.put(n, error(n, f));
      }
    }
    // a store fault reading an install fails the batch; a missing or disabled install fails its lines
    return Future.join(new ArrayList<>(installs.values())).<Void>mapEmpty().recover(e -> firstFault(installs.values())).map(v -> {
      List<Fresh> fresh = new ArrayList<>(bodies.size());
      for (int i = 0; i < bodies.size(); i++) {
        JsonObject body = bodies.get(i);
        int n = numbers.get(i);
        Future<AccountImport.Install> install = installs.get(body.getString("environment_integration_id"));
        try {
          if (install.failed()) {
            throw (FerryFailure) install.cause();
          }
          fresh.add(new Fresh(n, body, AccountImport.of(body, environmentId, install.result()).account(), externalIds.get(i)));
        } catch (FerryFailure f) {
          results.put(n, error(n, f));
        }
      }
      return fresh;
    });
  }

  private static Future<AccountImport.Install> install(IntegrationStore integrations, String environmentId, String id) {
    return integrations.installRow(environmentId, id)
        .map(row -> AccountImport.Install.of(row, integrations.configSecrets()))
        .recover(e -> Future.failedFuture(FerryFailure.isNotFound(e)
            ? FerryFailure.invalid("/environment_integration_id", "no environment integration with this id in this environment")
            : e));
  }

  /** Fails with the first failure that is not a line's fault (anything but a 4xx {@link FerryFailure}). */
  private static Future<Void> firstFault(java.util.Collection<Future<AccountImport.Install>> installs) {
    for (Future<AccountImport.Install> f : installs) {
      if (f.failed() && !(f.cause() instanceof FerryFailure ff && ff.code().status < 500)) {
        return Future.failedFuture(f.cause());
      }
    }
    return Future.succeededFuture();
  }

  static JsonObject error(int line, FerryFailure f) {
    JsonObject error = new JsonObject().put("message", f.getMessage());
    if (f.details() != null && f.details().getValue("failures") instanceof JsonArray failures) {
      error.put("failures", failures);
    }
    return new JsonObject().put("line", line).put("status", "error").put("error", error);
  }
}
