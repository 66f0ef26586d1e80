package io.ferry.engine.connect;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.integration.IntegrationJson;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.json.Json;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The installs a link token may connect: enabled ones of its environment, shown in the catalog, or the one it names. */
final class Installs {
  private final IntegrationStore integrations;

  Installs(IntegrationStore integrations) {
    this.integrations = integrations;
  }

  /** For the picker: configs as the API shows them (client secrets stripped). */
  Future<List<Choice>> choices(LinkToken t, Set<String> onlyNames) {
    return integrations.installs(t.environmentId(), null, null, true).map(installs -> {
      List<Choice> out = new ArrayList<>();
      installs.forEach(o -> {
        JsonObject install = (JsonObject) o;
        boolean named = install.getString("id").equals(t.environmentIntegrationId());
        if (t.environmentIntegrationId() != null && !named || !named && !install.getBoolean("show_in_catalog", true)) {
          return;
        }
        Choice c = Choice.of(install, Json.deepMerge(install.getJsonObject("integration").getJsonObject("config"),
            install.getJsonObject("override"), false));
        if (onlyNames == null || onlyNames.contains(c.name())) {
          out.add(c);
        }
      });
      return out;
    });
  }

  /** The full install row of {@code name} when the link token may connect it, else null. */
  Future<Row> row(LinkToken t, String name) {
    return choices(t, Set.of(name)).compose(list -> list.isEmpty() ? Future.succeededFuture(null)
        : integrations.installRow(t.environmentId(), list.get(0).installId()));
  }

  Future<Row> row(String environmentId, String installId) {
    return integrations.installRow(environmentId, installId);
  }

  /** The integration with its full config (client secret included: the code exchange needs it; never rendered). */
  Choice choice(Row row) {
    JsonObject install = IntegrationJson.environmentIntegration(row);
    JsonObject effective = Json.deepMerge(integrations.openJson(row, "i_config"), integrations.openJson(row, "override"), false);
    return Choice.of(install, effective);
  }

  /** An account not yet stored, to render the token request with the proxy's own token client. */
  Account pending(LinkToken t, Row row, String method, JsonObject context) {
    JsonObject install = IntegrationJson.environmentIntegration(row);
    JsonObject integration = install.getJsonObject("integration");
    integration.put("config", integrations.openJson(row, "i_config"));
    install.put("override", integrations.openJson(row, "override"));
    install.remove("integration");
    ContextSecrets.Split split = ContextSecrets.split(context, Set.of());
    long now = System.currentTimeMillis();
    return new Account("pending-" + t.id(), t.environmentId(), row.getString("id"), t.tenantId(), split.publicPart(),
        split.secretPart(), "connecting", null, null, false, method, t.region(), now, now, integration, install, 0);
  }
}
