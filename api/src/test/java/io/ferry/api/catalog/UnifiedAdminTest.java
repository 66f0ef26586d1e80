package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unified API's definitions and layers through the admin API, against one Ferry and one HubSpot simulator:
 * expressions compiled on save (400 with the JSON pointer), environment mappings and account overrides merged at call
 * time, 404s naming what exists, upstream errors in the proxy's envelope, meta, and custom methods.
 */
class UnifiedAdminTest {
  static Vertx vertx;
  static FerryServer ferry;
  static HttpServer hubspot;
  static String accountA;
  static String accountB;
  static String crmId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    UnifiedEndToEndTest.ferry = ferry;
    Sim sim = new Sim();
    sim.firstTime("contacts");
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    ProviderCase p = ProvidersA.hubspot();
    p.routes().accept(router, sim);
    hubspot = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    accountA = UnifiedEndToEndTest.importAccount(p, "http://127.0.0.1:" + hubspot.actualPort());
    accountB = UnifiedEndToEndTest.importAccount(p, "http://127.0.0.1:" + hubspot.actualPort());
    crmId = call(HttpMethod.GET, "/unified-model/crm", null).bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    hubspot.close().await();
    ferry.stop().await();
    vertx.close().await();
  }

  static HttpResponse<Buffer> call(HttpMethod method, String uri, JsonObject body) {
    return ferry.admin(method, uri, body).await();
  }

  static JsonObject mapping(String method, JsonObject config) {
    return new JsonObject().put("unified_model_id", crmId).put("resource_name", "contacts").put("integration_name", "hubspot")
        .put("method_name", method).put("config", config);
  }

  static void assertPointer(HttpResponse<Buffer> r, String pointer) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("details").getJsonArray("failures").stream()
        .map(f -> ((JsonObject) f).getString("pointer"))).as(r.bodyAsString()).contains(pointer);
  }

  @Test
  void brokenExpressionsAreRefusedWithTheirPointerAndNothingIsStored() {
    assertPointer(call(HttpMethod.POST, "/environment-unified-model-resource-method",
        mapping("get", new JsonObject().put("response_mapping", "response.{ \"id\": "))), "/config/response_mapping");
    assertPointer(call(HttpMethod.POST, "/unified-model-resource-method", mapping("get", new JsonObject()
        .put("before", new JsonArray().add(new JsonObject().put("type", "request").put("resource", "contacts").put("method", "get")
            .put("run_if", "$exists("))).put("resource", "contacts"))), "/config/before/0/run_if");
    assertPointer(call(HttpMethod.PATCH, "/integrated-account/" + accountA, new JsonObject().put("unified_model_override",
        new JsonObject().put("crm", new JsonObject().put("contacts", new JsonObject().put("list",
            new JsonObject().put("query_mapping", "{ \"a\": ")))))), "/unified_model_override/crm/contacts/list/query_mapping");
    assertPointer(call(HttpMethod.POST, "/unified-model", new JsonObject().put("name", "Bad Name").put("resources", new JsonObject())), "/name");
    assertThat(call(HttpMethod.GET, "/environment-unified-model-resource-method", null).bodyAsJsonObject().getJsonArray("result")).isEmpty();
    var contact = call(HttpMethod.GET, "/unified/crm/contacts/contacts-1?integrated_account_id=" + accountA, null);
    assertThat(contact.statusCode()).as(contact.bodyAsString()).isEqualTo(200);
  }

  @Test
  void anAccountOverrideAddsAFieldForThatAccountOnly() {
    String withNickname = "response.{ \"id\": id, \"first_name\": properties.firstname, \"nickname\": $lowercase(properties.firstname) }";
    var patched = call(HttpMethod.PATCH, "/integrated-account/" + accountA, new JsonObject().put("unified_model_override",
        new JsonObject().put("crm", new JsonObject().put("contacts", new JsonObject().put("get",
            new JsonObject().put("response_mapping", withNickname))))));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    JsonObject a = call(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + accountA, null).bodyAsJsonObject();
    JsonObject b = call(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + accountB, null).bodyAsJsonObject();
    assertThat(a.getString("nickname")).isEqualTo("first2");
    assertThat(a.getJsonObject("remote_data").getString("id")).isEqualTo("contacts-2");
    assertThat(b.containsKey("nickname")).isFalse();
    assertThat(b.getString("last_name")).isEqualTo("Last2");
    call(HttpMethod.PATCH, "/integrated-account/" + accountA, new JsonObject().put("unified_model_override", null));
    JsonObject cleared = call(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + accountA, null).bodyAsJsonObject();
    assertThat(cleared.containsKey("nickname")).isFalse();
  }

  @Test
  void anEnvironmentMappingLayersOverTheShippedOneUntilDeleted() {
    var created = call(HttpMethod.POST, "/environment-unified-model-resource-method", mapping("list",
        new JsonObject().put("response_mapping", "response.results.{ \"id\": id, \"name\": $uppercase(properties.firstname) }")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject page = call(HttpMethod.GET, "/unified/crm/contacts?limit=3&integrated_account_id=" + accountB, null).bodyAsJsonObject();
    assertThat(page.getJsonArray("result").getJsonObject(0).getString("name")).isEqualTo("FIRST0");
    assertThat(page.getJsonArray("result").getJsonObject(0).getJsonObject("remote_data").getString("id")).isEqualTo("contacts-0");
    assertThat(page.getString("next_cursor")).isNotNull();
    assertThat(call(HttpMethod.DELETE, "/environment-unified-model-resource-method/" + id, null).statusCode()).isEqualTo(200);
    JsonObject shipped = call(HttpMethod.GET, "/unified/crm/contacts?limit=3&integrated_account_id=" + accountB, null).bodyAsJsonObject();
    assertThat(shipped.getJsonArray("result").getJsonObject(0).getString("name")).isEqualTo("First0 Last0");
  }

  @Test
  void missingMappingsAnswer404NamingWhatExists() {
    String github = ferry.install("github").compose(install -> ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject()
        .put("tenant_id", "t").put("environment_integration_id", install).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("api_key", "ghp_x")))).await().bodyAsJsonObject().getString("id");
    var none = call(HttpMethod.GET, "/unified/crm/contacts?integrated_account_id=" + github, null);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getString("message")).contains("github").contains("hubspot, pipedrive, salesforce");
    var model = call(HttpMethod.GET, "/unified/erp/invoices?integrated_account_id=" + accountA, null);
    assertThat(model.statusCode()).isEqualTo(404);
    assertThat(model.bodyAsJsonObject().getString("message")).contains("crm, hris, ticketing");
    var resource = call(HttpMethod.GET, "/unified/crm/leads?integrated_account_id=" + accountA, null);
    assertThat(resource.bodyAsJsonObject().getString("message")).contains("accounts, contacts");
    var method = call(HttpMethod.POST, "/unified/crm/contacts/merge?integrated_account_id=" + accountA, new JsonObject());
    assertThat(method.statusCode()).isEqualTo(404);
    assertThat(method.bodyAsJsonObject().getString("message")).contains("list, get, create, update, delete");
  }

  @Test
  void upstreamErrorsKeepTheProxyEnvelope() {
    var missing = call(HttpMethod.GET, "/unified/crm/contacts/nobody?integrated_account_id=" + accountA, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    JsonObject body = missing.bodyAsJsonObject();
    assertThat(body.getBoolean("truto_is_remote_error")).isTrue();
    assertThat(body.getJsonObject("raw_response").getString("category")).isEqualTo("OBJECT_NOT_FOUND");
    assertThat(body.getString("message")).isEqualTo("resource not found");
    var invalid = call(HttpMethod.GET, "/unified/crm/contacts?updated_at[gt]=yesterday&integrated_account_id=" + accountA, null);
    assertThat(invalid.statusCode()).isEqualTo(200); // HubSpot takes any value; the simulator filters nothing out
  }

  @Test
  void metaDescribesTheMappingWithoutAnAccount() {
    JsonObject meta = call(HttpMethod.GET, "/unified/crm/contacts/hubspot/meta/list", null).bodyAsJsonObject();
    assertThat(meta.getString("method")).isEqualTo("list");
    assertThat(meta.getJsonObject("schema").getJsonObject("properties").fieldNames()).contains("email_addresses", "owner");
    assertThat(meta.getString("documentation_link")).contains("hubspot");
    assertThat(call(HttpMethod.GET, "/unified/crm/contacts/github/meta/list", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aCustomMethodOnAnAdminCreatedModelAnswersResult() {
    JsonObject model = new JsonObject().put("name", "sales").put("category", "crm").put("resources", new JsonObject().put("people",
        new JsonObject().put("methods", new JsonArray().add("search")).put("schema", new JsonObject().put("type", "object")
            .put("properties", new JsonObject().put("id", new JsonObject().put("type", "string"))))));
    var created = call(HttpMethod.POST, "/unified-model", model);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    var mapped = call(HttpMethod.POST, "/unified-model-resource-method", new JsonObject()
        .put("unified_model_id", created.bodyAsJsonObject().getString("id")).put("resource_name", "people")
        .put("integration_name", "hubspot").put("method_name", "search").put("config", new JsonObject()
            .put("resource", "contacts_search").put("method", "list")
            .put("request_body_mapping", "{ \"filterGroups\": [{ \"filters\": [{ \"propertyName\": \"email\", \"operator\": \"EQ\", \"value\": body.email }] }] }")
            .put("response_mapping", "[response.results.{ \"id\": id }]")));
    assertThat(mapped.statusCode()).as(mapped.bodyAsString()).isEqualTo(201);
    var found = call(HttpMethod.POST, "/unified/sales/people/search?integrated_account_id=" + accountA,
        new JsonObject().put("email", "person4@acme.test"));
    assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
    assertThat(found.bodyAsJsonObject()).isEqualTo(new JsonObject().put("result", new JsonArray().add(new JsonObject().put("id", "contacts-4"))));
    var envToken = call(HttpMethod.DELETE, "/unified-model/sales", null);
    assertThat(envToken.statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/unified-model/sales", null).statusCode()).isEqualTo(404);
  }

  @Test
  void concurrentCreatesOfOneEnvironmentMappingStoreExactlyOne() {
    for (int round = 0; round < 3; round++) {
      java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(ferry.admin(HttpMethod.POST, "/environment-unified-model-resource-method", mapping("delete",
            new JsonObject().put("resource", "contacts"))));
      }
      io.vertx.core.Future.join(all).await();
      assertThat(all.stream().map(f -> f.result().statusCode())).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
      JsonArray stored = call(HttpMethod.GET, "/environment-unified-model-resource-method?method_name=delete", null)
          .bodyAsJsonObject().getJsonArray("result");
      assertThat(stored).hasSize(1);
      call(HttpMethod.DELETE, "/environment-unified-model-resource-method/" + stored.getJsonObject(0).getString("id"), null);
    }
  }
}
