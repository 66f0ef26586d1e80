package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's {@code unified_model_override} (Truto's field) round-trips: set on import or PATCH, shown by
 * {@code GET /integrated-account/{id}} while set, gone once cleared, and in effect on unified calls.
 */
class AccountOverrideRoundTripTest {
  static final String NICKNAME = "response.{ \"id\": id, \"first_name\": properties.firstname, \"nickname\": $lowercase(properties.firstname) }";
  static Vertx vertx;
  static FerryServer ferry;
  static HttpServer hubspot;
  static String installId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    UnifiedEndToEndTest.ferry = ferry;
    Sim sim = new Sim();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    ProviderCase p = ProvidersA.hubspot();
    p.routes().accept(router, sim);
    hubspot = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    String account = UnifiedEndToEndTest.importAccount(p, "http://127.0.0.1:" + hubspot.actualPort());
    installId = call(HttpMethod.GET, "/integrated-account/" + account, null).bodyAsJsonObject()
        .getJsonObject("environment_integration").getString("id");
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

  static JsonObject layer(String responseMapping) {
    return new JsonObject().put("crm", new JsonObject().put("contacts", new JsonObject().put("get",
        new JsonObject().put("response_mapping", responseMapping))));
  }

  static HttpResponse<Buffer> importWith(JsonObject override) {
    JsonObject body = new JsonObject().put("tenant_id", "override-" + System.nanoTime()).put("environment_integration_id", installId)
        .put("authentication_method", "oauth2").put("context", ProvidersA.hubspot().context().apply("http://127.0.0.1:" + hubspot.actualPort()));
    return call(HttpMethod.POST, "/integrated-account", override == null ? body : body.put("unified_model_override", override));
  }

  @Test
  void anOverrideImportedWithTheAccountIsShownAndApplied() {
    var imported = importWith(layer(NICKNAME));
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
    String id = imported.bodyAsJsonObject().getString("id");
    assertThat(imported.bodyAsJsonObject().getJsonObject("unified_model_override")).isEqualTo(layer(NICKNAME));
    assertThat(call(HttpMethod.GET, "/integrated-account/" + id, null).bodyAsJsonObject().getJsonObject("unified_model_override"))
        .isEqualTo(layer(NICKNAME));
    JsonObject contact = call(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + id, null).bodyAsJsonObject();
    assertThat(contact.getString("nickname")).as(contact.encode()).isEqualTo("first2");
    // the import's own audit record, once (the override is stored after the account: no second record)
    assertThat(call(HttpMethod.GET, "/audit-log?object_id=" + id, null).bodyAsJsonObject().getJsonArray("result")).hasSize(1);
  }

  @Test
  void aPatchedOverrideReplacesTheShownOneAndNullClearsIt() {
    String id = importWith(null).bodyAsJsonObject().getString("id");
    assertThat(call(HttpMethod.GET, "/integrated-account/" + id, null).bodyAsJsonObject().containsKey("unified_model_override")).isFalse();
    String upper = "response.{ \"id\": id, \"nickname\": $uppercase(properties.firstname) }";
    assertThat(call(HttpMethod.PATCH, "/integrated-account/" + id, new JsonObject().put("unified_model_override", layer(NICKNAME))).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.PATCH, "/integrated-account/" + id, new JsonObject().put("unified_model_override", layer(upper))).statusCode())
        .isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/integrated-account/" + id, null).bodyAsJsonObject().getJsonObject("unified_model_override"))
        .isEqualTo(layer(upper));
    assertThat(call(HttpMethod.GET, "/unified/crm/contacts/contacts-2?integrated_account_id=" + id, null).bodyAsJsonObject()
        .getString("nickname")).isEqualTo("FIRST2");
    call(HttpMethod.PATCH, "/integrated-account/" + id, new JsonObject().putNull("unified_model_override"));
    assertThat(call(HttpMethod.GET, "/integrated-account/" + id, null).bodyAsJsonObject().containsKey("unified_model_override")).isFalse();
  }

  @Test
  void aBrokenOverrideOnImportIsRefusedWithItsPointerAndNoAccountIsCreated() {
    int before = call(HttpMethod.GET, "/integrated-account?limit=100", null).bodyAsJsonObject().getJsonArray("result").size();
    var refused = importWith(layer("response.{ \"id\": "));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("/unified_model_override/crm/contacts/get/response_mapping");
    assertThat(call(HttpMethod.GET, "/integrated-account?limit=100", null).bodyAsJsonObject().getJsonArray("result")).hasSize(before);
  }

  @Test
  void aBulkImportLineWithAnOverrideIsRefusedNamingTheField() {
    JsonObject line = new JsonObject().put("tenant_id", "bulk-override").put("environment_integration_id", installId)
        .put("authentication_method", "oauth2").put("context", ProvidersA.hubspot().context().apply("http://127.0.0.1:" + hubspot.actualPort()))
        .put("unified_model_override", layer(NICKNAME));
    var r = io.vertx.ext.web.client.WebClient.create(vertx).post(ferry.ferry().port(), "localhost", "/integrated-account/bulk")
        .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).putHeader("content-type", "application/x-ndjson")
        .sendBuffer(Buffer.buffer(line.encode() + "\n")).await();
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject result = new JsonObject(r.bodyAsString().split("\n")[0]);
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("error");
    assertThat(result.encode()).contains("/unified_model_override");
  }
}
