package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped unified mappings, each with the provider body shapes and filter its simulator must see. */
final class UnifiedCases {
  private UnifiedCases() {
  }

  static List<UnifiedCase> all() {
    return List.of(hubspotContacts(), hubspotAccounts());
  }

  static UnifiedCase hubspotContacts() {
    return new UnifiedCase(ProvidersA.hubspot(), "crm", "contacts", sim -> ProvidersA.hubspotStore(sim, "contacts"),
        List.of("contacts", "companies"),
        new JsonObject().put("first_name", "Jane").put("last_name", "Doe")
            .put("email_addresses", new JsonArray().add(new JsonObject().put("email", "jane@acme.test").put("type", "work"))),
        body -> assertThat(body.getJsonObject("properties")).isEqualTo(new JsonObject().put("firstname", "Jane")
            .put("lastname", "Doe").put("email", "jane@acme.test")),
        new JsonObject().put("last_name", "Smith"),
        body -> assertThat(body.getJsonObject("properties")).isEqualTo(new JsonObject().put("lastname", "Smith")),
        Sim.day(2, 3), q -> q.contains("\"propertyName\":\"lastmodifieddate\",\"operator\":\"GT\",\"value\":\"" + Sim.day(2, 3) + "\""),
        true);
  }

  static UnifiedCase hubspotAccounts() {
    return new UnifiedCase(ProvidersA.hubspot(), "crm", "accounts", sim -> ProvidersA.hubspotStore(sim, "companies"),
        List.of("contacts", "companies"),
        new JsonObject().put("name", "Acme").put("website", "acme.test").put("industry", "computer_software"),
        body -> assertThat(body.getJsonObject("properties")).isEqualTo(new JsonObject().put("name", "Acme")
            .put("domain", "acme.test").put("industry", "COMPUTER_SOFTWARE")),
        new JsonObject().put("website", "acme.example"),
        body -> assertThat(body.getJsonObject("properties")).isEqualTo(new JsonObject().put("domain", "acme.example")),
        Sim.day(2, 3), q -> q.contains("\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GT\""),
        true);
  }
}
