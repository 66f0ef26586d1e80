package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code FERRY_UNIFIED_DIR} overlays the bundled unified models as {@code FERRY_INTEGRATIONS_DIR} overlays the
 * catalog: its files are added, and a file named like a bundled one replaces it (here HubSpot's CRM mappings and a new
 * model), on a running Ferry against the HubSpot simulator.
 */
class UnifiedDirTest {
  static Vertx vertx;
  static FerryServer ferry;
  static HttpServer hubspot;
  static String account;

  static Path overlay() throws java.io.IOException {
    Path dir = Files.createTempDirectory("unified-dir");
    Files.writeString(dir.resolve("sales.json"), new JsonObject().put("name", "sales").put("category", "sales")
        .put("resources", new JsonObject().put("leads", new JsonObject().put("methods", new JsonArray().add("list"))
            .put("schema", new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("id", new JsonObject().put("type", "string")))))).encode());
    Files.createDirectories(dir.resolve("crm"));
    Files.writeString(dir.resolve("crm/hubspot.json"), new JsonObject().put("contacts", new JsonObject().put("get", new JsonObject()
        .put("response_mapping", "response.{ \"id\": id, \"nickname\": $lowercase(properties.firstname) }"))).encode());
    return dir;
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null).withUnifiedDir(overlay().toString())).await();
    UnifiedEndToEndTest.ferry = ferry;
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    ProviderCase p = ProvidersA.hubspot();
    p.routes().accept(router, new Sim());
    hubspot = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    account = UnifiedEndToEndTest.importAccount(p, "http://127.0.0.1:" + hubspot.actualPort());
  }

  @AfterAll
  static void stop() {
    hubspot.close().await();
    ferry.stop().await();
    vertx.close().await();
  }

  @Test
  void aMappingFileOfTheSameNameReplacesTheBundledOne() {
    var contact = ferry.admin(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + account, null).await();
    assertThat(contact.statusCode()).as(contact.bodyAsString()).isEqualTo(200);
    assertThat(contact.bodyAsJsonObject().getString("nickname")).isEqualTo("first2");
    assertThat(contact.bodyAsJsonObject().containsKey("last_name")).isFalse();
    var list = ferry.admin(HttpMethod.GET, "/unified/crm/contacts?integrated_account_id=" + account, null).await();
    assertThat(list.statusCode()).isEqualTo(404);
    assertThat(list.bodyAsString()).contains("maps crm.contacts for get");
  }

  @Test
  void aNewModelFileIsAddedBesideTheBundledOnes() {
    var models = ferry.admin(HttpMethod.GET, "/unified-model", null).await().bodyAsJsonObject().getJsonArray("result");
    assertThat(models.stream().map(m -> ((JsonObject) m).getString("name"))).containsExactlyInAnyOrder("crm", "hris", "sales", "ticketing");
  }

  @Test
  void aRestartWithTheDirectoryDropsTheShippedMappingsOfAReplacedFile() throws Exception {
    Vertx own = Vertx.vertx(); // its own event bus: two Ferrys on one Vert.x would answer each other's requests
    try {
      var options = FerryServer.options(null);
      FerryServer plain = FerryServer.start(own, options).await();
      JsonArray before = hubspotCrm(plain);
      plain.stop().await();
      assertThat(before.size()).as(before.encode()).isGreaterThan(1);
      FerryServer overlaid = FerryServer.start(own, options.withUnifiedDir(overlay().toString())).await();
      JsonArray after = hubspotCrm(overlaid);
      overlaid.stop().await();
      assertThat(after.stream().map(m -> ((JsonObject) m).getString("resource_name") + "." + ((JsonObject) m).getString("method_name")))
          .containsExactly("contacts.get");
    } finally {
      own.close().await();
    }
  }

  static JsonArray hubspotCrm(FerryServer server) {
    return server.admin(HttpMethod.GET, "/unified-model-resource-method?integration_name=hubspot&model_name=crm", null)
        .await().bodyAsJsonObject().getJsonArray("result");
  }
}
