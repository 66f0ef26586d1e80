package io.ferry.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ferry.engine.crypto.Tokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /integrated-account/{id}/mcp}: tokens shown once and stored hashed, tool filters, validation. */
@ExtendWith(VertxExtension.class)
@DisplayName("MCP servers: admin API and tool filters")
class McpServerAdminTest extends McpTestBase {

  @Test
  @DisplayName("create answers {id, name, token, url} once; reads and logs never show the token; only its hash is stored")
  void tokenShownOnceStoredHashed() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    String accountId = account();
    String expires = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    var created = ferry.admin(HttpMethod.POST, "/integrated-account/" + accountId + "/mcp", new JsonObject()
        .put("name", "support bot").put("config", new JsonObject().put("methods", new JsonArray().add("read")))
        .put("expires_at", expires)).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject server = created.bodyAsJsonObject();
    String token = server.getString("token");
    assertThat(token).startsWith("fry_");
    assertThat(server.getString("url")).isEqualTo(ferry.options().publicUrl() + "/mcp/" + token);
    assertThat(server.getString("name")).isEqualTo("support bot");
    assertThat(server.getJsonObject("config").getJsonArray("methods")).containsExactly("read");
    assertThat(Instant.parse(server.getString("expires_at"))).isEqualTo(Instant.parse(expires));

    var list = ferry.admin(HttpMethod.GET, "/integrated-account/" + accountId + "/mcp", null).await().bodyAsJsonObject();
    assertThat(list.getJsonArray("result")).hasSize(1);
    JsonObject listed = list.getJsonArray("result").getJsonObject(0);
    JsonObject one = ferry.admin(HttpMethod.GET, "/integrated-account/" + accountId + "/mcp/" + server.getString("id"), null)
        .await().bodyAsJsonObject();
    for (JsonObject read : List.of(listed, one)) {
      assertThat(read.getString("id")).isEqualTo(server.getString("id"));
      assertThat(read.containsKey("token")).isFalse();
      assertThat(read.containsKey("url")).isFalse();
      assertThat(read.encode()).doesNotContain(token);
    }

    List<Row> rows = new ArrayList<>();
    ferry.ferry().database().run("SELECT * FROM mcp_server", Map.of()).await().forEach(rows::add);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString("token_hash")).isEqualTo(Tokens.hash(token));
    for (int i = 0; i < rows.get(0).size(); i++) {
      assertThat(String.valueOf(rows.get(0).getValue(i))).doesNotContain(token);
    }

    assertThat(post(token, request(1, "ping", null)).statusCode()).isEqualTo(200);
    assertThat(post(token + "x", request(1, "ping", null)).statusCode()).isEqualTo(404);
    // the access line is written as the response ends: wait for the last one before reading them all
    long until = System.currentTimeMillis() + 5_000;
    while (lines(logs).stream().noneMatch(l -> l.contains("POST /mcp/**** 404")) && System.currentTimeMillis() < until) {
      vertx.timer(20).await();
    }
    root.detachAppender(logs);
    assertThat(lines(logs)).anySatisfy(l -> assertThat(l).contains("POST /mcp/**** 200"));
    assertThat(lines(logs)).allSatisfy(l -> assertThat(l).doesNotContain(token));
  }

  @Test
  @DisplayName("methods take names and read/write/custom, tags take tool_tags; together they must both match")
  void filters() {
    String accountId = account();
    assertThat(tools(accountId, new JsonObject().put("methods", arr("write"))))
        .containsExactly("create_a_acme_user", "delete_a_acme_user_by_id", "update_a_acme_user_by_id");
    assertThat(tools(accountId, new JsonObject().put("methods", arr("custom")))).containsExactly("deactivate_acme_users");
    assertThat(tools(accountId, new JsonObject().put("methods", arr("deactivate", "get"))))
        .containsExactly("deactivate_acme_users", "get_single_acme_user_by_id");
    assertThat(tools(accountId, new JsonObject().put("tags", arr("billing")))).containsExactly("list_all_acme_invoices");
    assertThat(tools(accountId, new JsonObject().put("methods", arr("list")).put("tags", arr("crm", "nothing"))))
        .containsExactly("list_all_acme_users");
    assertThat(tools(accountId, new JsonObject().put("methods", arr("read")).put("tags", arr("billing"))))
        .containsExactly("list_all_acme_invoices");

    var none = ferry.admin(HttpMethod.POST, "/integrated-account/" + accountId + "/mcp", new JsonObject().put("name", "x")
        .put("config", new JsonObject().put("methods", arr("write")).put("tags", arr("billing")))).await();
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.bodyAsJsonObject().getJsonObject("details").getJsonArray("failures").getJsonObject(0).getString("pointer"))
        .isEqualTo("/config");
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + accountId + "/mcp", null).await().bodyAsJsonObject()
        .getJsonArray("result")).hasSize(6);
  }

  @Test
  @DisplayName("bad input is a 400 naming the field, an unknown account a 404, and nothing is stored")
  void badInput() {
    String accountId = account();
    String path = "/integrated-account/" + accountId + "/mcp";
    assertThat(pointer(ferry.admin(HttpMethod.POST, path, new JsonObject()).await().bodyAsJsonObject())).isEqualTo("/name");
    assertThat(pointer(ferry.admin(HttpMethod.POST, path, new JsonObject().put("name", "x")
        .put("config", new JsonObject().put("methods", "read"))).await().bodyAsJsonObject())).isEqualTo("/config/methods");
    assertThat(pointer(ferry.admin(HttpMethod.POST, path, new JsonObject().put("name", "x")
        .put("expires_at", Instant.now().plusSeconds(10).toString())).await().bodyAsJsonObject())).isEqualTo("/expires_at");
    assertThat(pointer(ferry.admin(HttpMethod.POST, path, new JsonObject().put("name", "x").put("expires_at", "tomorrow"))
        .await().bodyAsJsonObject())).isEqualTo("/expires_at");
    // an instant Java parses but epoch milliseconds cannot hold
    assertThat(pointer(ferry.admin(HttpMethod.POST, path, new JsonObject().put("name", "x")
        .put("expires_at", "+999999999-01-01T00:00:00Z")).await().bodyAsJsonObject())).isEqualTo("/expires_at");
    assertThat(ferry.admin(HttpMethod.POST, "/integrated-account/nope/mcp", new JsonObject().put("name", "x")).await()
        .statusCode()).isEqualTo(404);
    assertThat(ferry.admin(HttpMethod.GET, path + "/nope", null).await().statusCode()).isEqualTo(404);
    assertThat(ferry.admin(HttpMethod.GET, path, null).await().bodyAsJsonObject().getJsonArray("result")).isEmpty();
  }

  @Test
  @DisplayName("PATCH changes name, config and expiry; the same URL serves the new tool set at once")
  void patch() {
    String accountId = account();
    JsonObject server = createServer(accountId, new JsonObject().put("methods", arr("read")));
    String path = "/integrated-account/" + accountId + "/mcp/" + server.getString("id");
    assertThat(tools(server.getString("token"))).hasSize(3);
    String expires = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    var patched = ferry.admin(HttpMethod.PATCH, path, new JsonObject().put("name", "billing bot")
        .put("config", new JsonObject().put("tags", arr("billing"))).put("expires_at", expires)).await();
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getString("name")).isEqualTo("billing bot");
    assertThat(patched.bodyAsJsonObject().containsKey("token")).isFalse();
    assertThat(tools(server.getString("token"))).containsExactly("list_all_acme_invoices");

    var cleared = ferry.admin(HttpMethod.PATCH, path, new JsonObject().putNull("expires_at")).await().bodyAsJsonObject();
    assertThat(cleared.getValue("expires_at")).isNull();
    assertThat(cleared.getString("name")).isEqualTo("billing bot");
    var none = ferry.admin(HttpMethod.PATCH, path, new JsonObject().put("config", new JsonObject().put("tags", arr("nope")))).await();
    assertThat(pointer(none.bodyAsJsonObject())).isEqualTo("/config");
    assertThat(tools(server.getString("token"))).containsExactly("list_all_acme_invoices");
  }

  @Test
  @DisplayName("deleting the account deletes its MCP servers: their URLs answer 404")
  void accountDeletionRemovesServers() {
    String accountId = account();
    String token = createServer(accountId, null).getString("token");
    assertThat(post(token, request(1, "ping", null)).statusCode()).isEqualTo(200);
    assertThat(ferry.admin(HttpMethod.DELETE, "/integrated-account/" + accountId, null).await().statusCode()).isEqualTo(200);
    assertThat(post(token, request(1, "ping", null)).statusCode()).isEqualTo(404);
  }

  /** Appends are synchronized on the appender; so is this read. */
  private static List<String> lines(ListAppender<ILoggingEvent> logs) {
    synchronized (logs) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private List<String> tools(String accountId, JsonObject config) {
    return tools(createServer(accountId, config).getString("token"));
  }

  private List<String> tools(String token) {
    JsonArray tools = post(token, request(1, "tools/list", null)).bodyAsJsonObject().getJsonObject("result").getJsonArray("tools");
    return tools.stream().map(t -> ((JsonObject) t).getString("name")).toList();
  }

  private static JsonArray arr(String... values) {
    return new JsonArray(List.of((Object[]) values));
  }

  private static String pointer(JsonObject error) {
    assertThat(error.getInteger("statusCode")).as(error.encode()).isEqualTo(400);
    return error.getJsonObject("details").getJsonArray("failures").getJsonObject(0).getString("pointer");
  }
}
