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
    return List.of(hubspotContacts(), hubspotAccounts(), salesforceContacts(), salesforceAccounts(),
        pipedriveContacts(), pipedriveAccounts(), zendeskTickets(), jiraTickets(), linearTickets(), kekaEmployees());
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
        true, 2);
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
        true, 2);
  }

  // Salesforce pages are server-sized (batchSize, at least 200 in production): the simulator answers 3 per page
  static UnifiedCase salesforceContacts() {
    return new UnifiedCase(ProvidersB.salesforce(), "crm", "contacts", sim -> ProvidersB.salesforceStore(sim, "Contact"), List.of(),
        new JsonObject().put("first_name", "Jane").put("last_name", "Doe").put("account", new JsonObject().put("id", "acc-2"))
            .put("email_addresses", new JsonArray().add(new JsonObject().put("email", "jane@acme.test"))),
        body -> assertThat(body).isEqualTo(new JsonObject().put("FirstName", "Jane").put("LastName", "Doe")
            .put("Email", "jane@acme.test").put("AccountId", "acc-2").put("_op", "create")),
        new JsonObject().put("last_name", "Smith"),
        body -> assertThat(body.copy().put("_id", "x")).isEqualTo(new JsonObject().put("LastName", "Smith").put("_op", "update").put("_id", "x")),
        Sim.day(2, 3), q -> q.contains("FROM Contact WHERE LastModifiedDate > " + Sim.day(2, 3)),
        true, 3);
  }

  static UnifiedCase salesforceAccounts() {
    return new UnifiedCase(ProvidersB.salesforce(), "crm", "accounts", sim -> ProvidersB.salesforceStore(sim, "Account"), List.of(),
        new JsonObject().put("name", "Acme").put("website", "https://acme.test"),
        body -> assertThat(body).isEqualTo(new JsonObject().put("Name", "Acme").put("Website", "https://acme.test").put("_op", "create")),
        new JsonObject().put("industry", "Retail"),
        body -> assertThat(body.getString("Industry")).isEqualTo("Retail"),
        Sim.day(2, 3), q -> q.contains("FROM Account WHERE LastModifiedDate > " + Sim.day(2, 3)),
        true, 3);
  }

  // Pipedrive v1 has no updated-since filter on /persons: the mapping reads /recents (inclusive, second precision)
  static UnifiedCase pipedriveContacts() {
    return new UnifiedCase(ProvidersB.pipedrive(), "crm", "contacts", sim -> ProvidersB.pipedriveStore(sim, "persons"),
        List.of("persons", "organizations"),
        new JsonObject().put("first_name", "Jane").put("last_name", "Doe")
            .put("email_addresses", new JsonArray().add(new JsonObject().put("email", "jane@acme.test"))),
        body -> assertThat(body).isEqualTo(new JsonObject().put("name", "Jane Doe").put("first_name", "Jane").put("last_name", "Doe")
            .put("email", new JsonArray().add(new JsonObject().put("value", "jane@acme.test").put("primary", true).put("label", "work")))
            .put("_op", "create")),
        new JsonObject().put("email_addresses", new JsonArray().add(new JsonObject().put("email", "jane@home.test").put("type", "home"))),
        body -> assertThat(body.getJsonArray("email")).isEqualTo(new JsonArray().add(new JsonObject().put("value", "jane@home.test")
            .put("primary", false).put("label", "home"))),
        Sim.day(2, 3), q -> q.contains("items=person") && q.contains("since_timestamp=2024-02-04"),
        true, 2);
  }

  static UnifiedCase pipedriveAccounts() {
    return new UnifiedCase(ProvidersB.pipedrive(), "crm", "accounts", sim -> ProvidersB.pipedriveStore(sim, "organizations"),
        List.of("persons", "organizations"),
        new JsonObject().put("name", "Acme").put("owner", new JsonObject().put("id", "101")),
        body -> assertThat(body).isEqualTo(new JsonObject().put("name", "Acme").put("owner_id", "101").put("_op", "create")),
        new JsonObject().put("name", "Acme Inc"),
        body -> assertThat(body.getString("name")).isEqualTo("Acme Inc"),
        Sim.day(2, 3), q -> q.contains("items=organization") && q.contains("since_timestamp=2024-02-04"),
        true, 2);
  }

  static UnifiedCase zendeskTickets() {
    return new UnifiedCase(ProvidersA.zendesk(), "ticketing", "tickets", TicketingSims::zendeskStore, List.of("tickets", "users"),
        new JsonObject().put("title", "Printer down").put("description", "It smokes").put("priority", "high").put("status", "open"),
        body -> assertThat(body.getJsonObject("ticket")).isEqualTo(new JsonObject().put("subject", "Printer down").put("priority", "high")
            .put("status", "open").put("comment", new JsonObject().put("body", "It smokes"))),
        new JsonObject().put("status", "closed"),
        body -> assertThat(body.getJsonObject("ticket")).isEqualTo(new JsonObject().put("status", "solved")),
        Sim.day(2, 3), q -> q.startsWith("updated>" + Sim.day(2, 3)) && q.endsWith("filter[type]=ticket"),
        true, 2);
  }

  static UnifiedCase jiraTickets() {
    return new UnifiedCase(ProvidersA.jira(), "ticketing", "tickets", TicketingSims::jiraStore, List.of("projects"),
        new JsonObject().put("title", "Login fails").put("description", "On Safari").put("priority", "high")
            .put("project", new JsonObject().put("id", "ACME")),
        body -> assertThat(body.getJsonObject("fields")).isEqualTo(new JsonObject().put("project", new JsonObject().put("key", "ACME"))
            .put("issuetype", new JsonObject().put("name", "Task")).put("summary", "Login fails")
            .put("description", TicketingSims.adf("On Safari")).put("priority", new JsonObject().put("name", "High"))),
        new JsonObject().put("title", "Login fails on Safari"),
        body -> assertThat(body.getJsonObject("fields")).isEqualTo(new JsonObject().put("summary", "Login fails on Safari")),
        Sim.day(2, 3), q -> q.startsWith("updated > \"2024-02-04 10:00\""),
        true, 2);
  }

  static UnifiedCase linearTickets() {
    return new UnifiedCase(ProvidersB.linear(), "ticketing", "tickets", TicketingSims::linearStore, List.of("issues", "teams"),
        new JsonObject().put("title", "Crash").put("description", "On start").put("priority", "urgent")
            .put("team", new JsonObject().put("id", "team-1")),
        body -> assertThat(body.getJsonObject("input")).isEqualTo(new JsonObject().put("title", "Crash").put("description", "On start")
            .put("priority", 1).put("teamId", "team-1")),
        new JsonObject().put("priority", "low"),
        body -> assertThat(body.getJsonObject("input")).isEqualTo(new JsonObject().put("priority", 4)),
        Sim.day(2, 3), q -> q.contains("\"filter\":{\"updatedAt\":{\"gt\":\"" + Sim.day(2, 3) + "\"}}"),
        true, 2);
  }

  static UnifiedCase kekaEmployees() {
    return new UnifiedCase(ProvidersB.keka(), "hris", "employees", HrisSims::kekaStore, List.of("employees", "departments"),
        new JsonObject().put("first_name", "Asha").put("last_name", "Rao").put("work_email", "asha@acme.test").put("start_date", "2024-05-01"),
        body -> assertThat(body).isEqualTo(new JsonObject().put("firstName", "Asha").put("lastName", "Rao").put("email", "asha@acme.test")
            .put("joiningDate", "2024-05-01T00:00:00Z").put("_op", "create")),
        new JsonObject().put("last_name", "Rao-Iyer"),
        body -> assertThat(body.getString("lastName")).isEqualTo("Rao-Iyer"),
        Sim.day(2, 3), q -> q.contains("lastModified=2024-02-04T10"),
        false, 2);
  }
}
