package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code remote_data} is the upstream record as the provider sent it: its number forms, escapes and spacing, not a
 * re-encoding of what Ferry parsed (a HubSpot-shaped upstream writing its JSON by hand).
 */
class UnifiedRemoteDataTest {
  static final String FIRST = "{\"id\": \"101\", \"properties\": {\"firstname\": \"Zo\\u00eb\", \"lastname\": \"O'Neil\","
      + " \"score\": 1.50, \"big\": 12345678901234567890123}, \"createdAt\": \"2024-01-01T10:00:00.000Z\","
      + " \"updatedAt\": \"2024-02-01T10:00:00.000Z\", \"archived\": false}";
  static final String SECOND = "{\"id\":\"102\",\"properties\":{\"firstname\":\"A \\\"quoted\\\" [name]\"},"
      + "\"createdAt\":\"2024-01-02T10:00:00.000Z\",\"updatedAt\":\"2024-02-02T10:00:00.000Z\",\"archived\":false}";

  static Vertx vertx;
  static FerryServer ferry;
  static HttpServer upstream;
  static String account;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    UnifiedEndToEndTest.ferry = ferry;
    upstream = vertx.createHttpServer().requestHandler(req -> {
      String body = req.path().endsWith("/contacts") ? "{\"results\": [\n  " + FIRST + ",\n  " + SECOND + "\n]}" : FIRST;
      req.response().putHeader("content-type", "application/json").end(body);
    }).listen(0, "127.0.0.1").await();
    account = UnifiedEndToEndTest.importAccount(ProvidersA.hubspot(), "http://127.0.0.1:" + upstream.actualPort());
  }

  @AfterAll
  static void stop() {
    upstream.close().await();
    ferry.stop().await();
    vertx.close().await();
  }

  @Test
  void aListCarriesEachUpstreamRecordAsItWasSent() {
    var answer = ferry.admin(HttpMethod.GET, "/unified/crm/contacts?integrated_account_id=" + account, null).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    String text = answer.bodyAsString();
    assertThat(text).contains("\"remote_data\":" + FIRST, "\"remote_data\":" + SECOND);
    JsonObject first = answer.bodyAsJsonObject().getJsonArray("result").getJsonObject(0);
    assertThat(first.getString("first_name")).isEqualTo("Zoë");
    assertThat(first.getJsonObject("remote_data")).isEqualTo(new JsonObject(FIRST));
  }

  @Test
  void oneRecordCarriesItAsItWasSent() {
    var answer = ferry.admin(HttpMethod.GET, "/unified/crm/contacts/101?integrated_account_id=" + account, null).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsString()).contains("\"remote_data\":" + FIRST);
  }
}
