package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("bulk import writes a batch at once, yet each line keeps its own result and events")
class BulkImportEventsTest extends WebhookTestBase {

  JsonObject line(String install, String tenant, JsonObject context) {
    return new JsonObject().put("tenant_id", tenant).put("environment_integration_id", install)
        .put("authentication_method", "api_key").put("context", context);
  }

  List<String> events(String type) {
    return deliveries().stream().map(d -> new JsonObject(d.body())).filter(e -> type.equals(e.getString("event")))
        .map(e -> e.getJsonObject("payload").getString("id")).toList();
  }

  @Test
  @DisplayName("a line for a tenant an earlier line of the same batch created updates that account (context merged)")
  void sameTenantTwiceInOneBatch() {
    webhook(new JsonArray().add("integrated_account:created").add("integrated_account:updated"));
    String install = install("bulk-events", new JsonObject().put("base_url", "https://api.example.test")
        .put("credentials", new JsonObject().put("format", "api_key")));
    String ndjson = line(install, "t1", new JsonObject().put("api_key", "k1").put("region_hint", "eu")).encode() + "\n"
        + line(install, "t2", new JsonObject().put("api_key", "k2")).encode() + "\n"
        + line(install, "t1", new JsonObject().put("api_key", "k1b").put("plan", "pro")).encode() + "\n";

    List<JsonObject> results = BulkImportTest.post(vertx, ferry, ndjson);

    assertThat(results.subList(0, 3)).extracting(r -> r.getString("status")).containsExactly("created", "created", "updated");
    String t1 = results.get(0).getString("id");
    assertThat(results.get(2).getString("id")).isEqualTo(t1);
    JsonObject context = ferry.admin(HttpMethod.GET, "/integrated-account/" + t1, null).await().bodyAsJsonObject()
        .getJsonObject("context");
    assertThat(context.getString("region_hint")).isEqualTo("eu");
    assertThat(context.getString("plan")).isEqualTo("pro");
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=t1", null).await().bodyAsJsonObject()
        .getJsonArray("result")).hasSize(1);
    eventually(() -> events("integrated_account:created").size() == 2 && events("integrated_account:updated").size() == 1,
        "two created events and one updated event");
    assertThat(events("integrated_account:updated")).containsExactly(t1);
  }

  @Test
  @DisplayName("a rerun updates every account in place: one updated event each, nothing created")
  void rerunSendsUpdatedEvents() {
    webhook(new JsonArray().add("integrated_account:created").add("integrated_account:updated"));
    String install = install("bulk-rerun", new JsonObject().put("base_url", "https://api.example.test")
        .put("credentials", new JsonObject().put("format", "api_key")));
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      ndjson.append(line(install, "tenant-" + i, new JsonObject().put("api_key", "k" + i)).encode()).append('\n');
    }
    BulkImportTest.post(vertx, ferry, ndjson.toString());
    List<JsonObject> again = BulkImportTest.post(vertx, ferry, ndjson.toString());

    assertThat(again.get(again.size() - 1).getJsonObject("summary").getInteger("updated")).isEqualTo(250);
    eventually(() -> events("integrated_account:updated").size() == 250, "250 updated events");
    assertThat(events("integrated_account:created")).hasSize(250).doesNotHaveDuplicates();
    assertThat(events("integrated_account:updated")).containsExactlyInAnyOrderElementsOf(events("integrated_account:created"));
  }
}
