package io.ferry.engine.unified;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped unified models and mappings, checked in the build as at start (schema, every expression compiled), plus
 * the house rules of their schemas: string ids, {@code *_at} date-times, {@code {id}} references.
 */
class ShippedUnifiedTest {
  static final Path DIR = Path.of("../unified");

  @Test
  void everyShippedFileLoads() {
    UnifiedFiles.Shipped shipped = UnifiedFiles.load(DIR.toString());
    assertThat(shipped.models()).extracting(m -> m.getString("name")).containsExactly("crm", "hris", "ticketing");
    assertThat(shipped.mappings()).extracting(m -> m.model() + "." + m.resource() + "." + m.integration())
        .contains("crm.contacts.hubspot", "crm.accounts.salesforce", "crm.contacts.pipedrive", "ticketing.tickets.zendesk",
            "ticketing.tickets.jira", "ticketing.tickets.linear", "hris.employees.keka");
  }

  @Test
  void schemasFollowTheFieldRules() {
    for (JsonObject model : UnifiedFiles.load(DIR.toString()).models()) {
      model.getJsonObject("resources").forEach(r -> {
        JsonObject props = ((JsonObject) r.getValue()).getJsonObject("schema").getJsonObject("properties");
        String where = model.getString("name") + "." + r.getKey();
        assertThat(props.getJsonObject("id").getValue("type")).as(where + ".id").isEqualTo("string");
        props.forEach(p -> {
          JsonObject field = (JsonObject) p.getValue();
          if (p.getKey().endsWith("_at")) {
            assertThat(field.getString("format")).as(where + "." + p.getKey()).isEqualTo("date-time");
          }
          if (field.getValue("type") instanceof io.vertx.core.json.JsonArray t && t.contains("object")) {
            assertThat(field.getJsonObject("properties").getJsonObject("id").getString("type")).as(where + "." + p.getKey() + ".id")
                .isEqualTo("string");
          }
        });
        assertThat(props.containsKey("remote_data")).isFalse();
      });
    }
  }

  @Test
  void aDirectoryAddsModelsAndMappingsAndReplacesFilesOfTheSameName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("sales.json"), new JsonObject().put("name", "sales").put("category", "sales")
        .put("resources", new JsonObject().put("leads", new JsonObject().put("methods", new io.vertx.core.json.JsonArray().add("list"))
            .put("schema", new JsonObject().put("type", "object").put("properties", new JsonObject().put("id", new JsonObject().put("type", "string")))))).encode());
    Files.createDirectories(dir.resolve("crm"));
    Files.writeString(dir.resolve("crm/hubspot.json"), "{\"contacts\": {\"get\": {\"response_mapping\": \"response.{ \\\"id\\\": id }\"}}}");
    UnifiedFiles.Shipped shipped = UnifiedFiles.load(dir.toString());
    assertThat(shipped.models()).extracting(m -> m.getString("name")).containsExactly("crm", "hris", "sales", "ticketing");
    assertThat(shipped.mappings()).filteredOn(m -> m.integration().equals("hubspot")).singleElement()
        .satisfies(m -> assertThat(m.config().getString("response_mapping")).isEqualTo("response.{ \"id\": id }"));
    assertThat(shipped.mappings()).extracting(m -> m.model() + "." + m.resource() + "." + m.integration() + "." + m.method())
        .contains("crm.contacts.salesforce.list", "ticketing.tickets.jira.get");
  }

  @Test
  void aMappingOfAModelThatExistsNowhereFailsNamingItsFile(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sales"));
    Files.writeString(dir.resolve("sales/close.json"), "{}");
    assertThatThrownBy(() -> UnifiedFiles.load(dir.toString())).hasMessageContaining(dir + "/sales/close.json")
        .hasMessageContaining("no unified model named sales");
  }

  @Test
  void anAbsentConfiguredDirectoryFailsTheStart(@TempDir Path dir) {
    assertThatThrownBy(() -> UnifiedFiles.load(dir.resolve("missing").toString())).hasMessageContaining("FERRY_UNIFIED_DIR");
  }

  @Test
  void aBrokenExpressionFailsTheStartNamingFileAndPointer(@TempDir Path dir) throws IOException {
    Files.copy(DIR.resolve("hris.json"), dir.resolve("hris.json"));
    Files.createDirectories(dir.resolve("hris"));
    Files.writeString(dir.resolve("hris/keka.json"), "{\"employees\": {\"get\": {\"response_mapping\": \"response.{ \\\"id\\\": \"}}}");
    assertThatThrownBy(() -> UnifiedFiles.load(dir.toString())).hasMessageContaining(dir + "/hris/keka.json")
        .hasMessageContaining("/employees/get/response_mapping");
    Files.writeString(dir.resolve("hris/keka.json"), "{\"employees\": {\"delete\": {}}}");
    assertThatThrownBy(() -> UnifiedFiles.load(dir.toString())).hasMessageContaining("/employees/delete")
        .hasMessageContaining("has no method delete");
  }
}
