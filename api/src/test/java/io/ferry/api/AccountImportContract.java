package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The import contract over HTTP, run once per store (H2 and PostgreSQL subclasses). */
@ExtendWith(VertxExtension.class)
abstract class AccountImportContract {

  static final String ACCESS = "secret_foo_bar";
  static final String REFRESH = "refresh_foo_bar";

  FerryServer ferry;
  String installId;

  abstract String databaseUrl();

  @BeforeEach
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(databaseUrl())).await();
    installId = ferry.install("example").await();
  }

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  JsonObject seedImport() {
    return new JsonObject()
        .put("tenant_id", "acme-1")
        .put("environment_integration_id", installId)
        .put("context", new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject()
            .put("access_token", ACCESS).put("refresh_token", REFRESH).put("expires_in", 3600))))
        .put("authentication_method", "oauth2")
        .put("region", "wnam");
  }

  JsonObject importAccount(JsonObject body) {
    var response = ferry.admin(HttpMethod.POST, "/integrated-account", body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  @DisplayName("the seed's import example answers the account with every documented field, tokens masked")
  void seedExampleImports() {
    long before = System.currentTimeMillis();
    JsonObject account = importAccount(seedImport());

    assertThat(account.getString("id")).isNotBlank();
    assertThat(account.getString("tenant_id")).isEqualTo("acme-1");
    assertThat(account.getString("environment_integration_id")).isEqualTo(installId);
    assertThat(account.getString("status")).isEqualTo("active");
    assertThat(account.getString("authentication_method")).isEqualTo("oauth2");
    assertThat(account.getString("region")).isEqualTo("wnam");
    assertThat(account.getBoolean("is_sandbox")).isFalse();
    assertThat(account.getString("environment_id")).isNotBlank();
    assertThat(account.containsKey("last_error")).isTrue();
    assertThat(account.containsKey("last_action_result")).isTrue();
    assertThat(account.getString("created_at")).isNotBlank();
    assertThat(account.getString("updated_at")).isNotBlank();
    JsonObject integration = account.getJsonObject("integration");
    assertThat(integration.fieldNames()).contains("id", "name", "category", "is_beta", "config", "team_id", "sharing",
        "created_at", "updated_at");
    assertThat(integration.getString("name")).isEqualTo("example");
    assertThat(integration.getJsonObject("config").getJsonObject("credentials").getJsonObject("oauth2")
        .getJsonObject("config").getJsonObject("client").getString("secret")).isEqualTo("********");

    JsonObject token = account.getJsonObject("context").getJsonObject("oauth").getJsonObject("token");
    assertThat(token.getString("access_token")).isEqualTo("********");
    assertThat(token.getString("refresh_token")).isEqualTo("********");
    long expiresAt = Instant.parse(token.getString("expires_at")).toEpochMilli();
    assertThat(expiresAt).isBetween(before + 3_600_000 - 1000, System.currentTimeMillis() + 3_600_000 + 1000);
    assertThat(account.encode()).doesNotContain(ACCESS).doesNotContain(REFRESH).doesNotContain("your-client-secret");
  }

  @Test
  @DisplayName("an imported account survives a restart, still masked")
  void accountSurvivesRestart() {
    String id = importAccount(seedImport()).getString("id");
    ferry.stop().await();
    ferry.startAgain().await();

    var read = ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await();
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("tenant_id")).isEqualTo("acme-1");
    assertThat(read.bodyAsString()).doesNotContain(ACCESS).contains("********");
  }

  @Test
  @DisplayName("credentials are stored as ciphertext, the rest of the context as plain JSON")
  void credentialsAreEncryptedAtRest() {
    JsonObject body = seedImport();
    body.getJsonObject("context").put("zendesk_subdomain", "truto").put("api_key", "ak_live_123");
    String id = importAccount(body).getString("id");

    Row row = ferry.ferry().database().pool().query("SELECT context, secrets, key_id FROM integrated_account WHERE id = '" + id + "'")
        .execute().await().iterator().next();
    String stored = row.getString("context") + row.getString("secrets");
    assertThat(stored).doesNotContain(ACCESS).doesNotContain(REFRESH).doesNotContain("ak_live_123");
    assertThat(row.getString("context")).contains("truto");
    assertThat(row.getString("secrets")).startsWith("v1:" + row.getString("key_id") + ":");
  }

  @Test
  @DisplayName("48 imports in flight at once (they share commits on H2): each answered 201 is in the store by then and survives a restart")
  void concurrentImportsAreEachCommittedBeforeTheAnswer() {
    java.util.List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int round = 0; round < 3; round++) {
      java.util.List<io.vertx.core.Future<Void>> answered = new java.util.ArrayList<>();
      for (int i = 0; i < 48; i++) {
        answered.add(ferry.admin(HttpMethod.POST, "/integrated-account", seedImport().put("tenant_id", "c-" + round + "-" + i))
            .compose(created -> {
              assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
              String id = created.bodyAsJsonObject().getString("id");
              ids.add(id);
              // straight from the store, as the answer arrives: committed before the 201 was sent
              return ferry.ferry().database().pool().preparedQuery(
                  ferry.ferry().database().postgres() ? "SELECT id FROM integrated_account WHERE id = $1"
                      : "SELECT id FROM integrated_account WHERE id = ?").execute(io.vertx.sqlclient.Tuple.of(id));
            })
            .map(rows -> {
              assertThat(rows.size()).as("stored when answered").isEqualTo(1);
              return null;
            }));
      }
      io.vertx.core.Future.all(answered).await();
    }
    assertThat(ids).hasSize(144).doesNotHaveDuplicates();
    ferry.stop().await();
    ferry.startAgain().await();
    for (String id : ids) {
      assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("listing filters by tenant and status and pages with an opaque cursor")
  void listFiltersAndPages() {
    for (int i = 0; i < 5; i++) {
      importAccount(seedImport().put("tenant_id", i < 3 ? "t-a" : "t-b"));
    }
    JsonObject first = ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=t-a&limit=2", null).await().bodyAsJsonObject();
    assertThat(first.getJsonArray("result")).hasSize(2);
    assertThat(first.getInteger("limit")).isEqualTo(2);
    String cursor = first.getString("next_cursor");
    assertThat(cursor).isNotNull();
    JsonObject second = ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=t-a&limit=2&next_cursor=" + cursor, null)
        .await().bodyAsJsonObject();
    assertThat(second.getJsonArray("result")).hasSize(1);
    assertThat(second.getString("next_cursor")).isNull();

    JsonArray byName = ferry.admin(HttpMethod.GET, "/integrated-account?integration.name=example&status=active&is_sandbox=false",
        null).await().bodyAsJsonObject().getJsonArray("result");
    assertThat(byName).hasSize(5);
    JsonArray none = ferry.admin(HttpMethod.GET, "/integrated-account?created_at[gt]=2999-01-01T00:00:00Z", null)
        .await().bodyAsJsonObject().getJsonArray("result");
    assertThat(none).isEmpty();
  }

  @Test
  @DisplayName("PATCH merges context shallowly and keeps credentials; a masked value sent back changes nothing")
  void patchKeepsCredentials() {
    String id = importAccount(seedImport()).getString("id");
    JsonObject read = ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().bodyAsJsonObject();
    JsonObject context = read.getJsonObject("context").put("subdomain", "acme");

    var patched = ferry.admin(HttpMethod.PATCH, "/integrated-account/" + id, new JsonObject().put("context", context)).await();
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getJsonObject("context").getString("subdomain")).isEqualTo("acme");

    Row row = ferry.ferry().database().pool().query("SELECT secrets FROM integrated_account WHERE id = '" + id + "'")
        .execute().await().iterator().next();
    assertThat(row.getString("secrets")).doesNotContain("********");
    var credentials = ferry.admin(HttpMethod.PATCH, "/integrated-account/" + id + "/credentials",
        new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "new_access")))).await();
    assertThat(credentials.statusCode()).isEqualTo(200);
    assertThat(credentials.bodyAsString()).doesNotContain("new_access");
    assertThat(credentials.bodyAsJsonObject().getJsonObject("context").getString("subdomain")).isEqualTo("acme");
  }

  @Test
  @DisplayName("DELETE answers {id} and the account is gone")
  void deleteRemoves() {
    String id = importAccount(seedImport()).getString("id");
    var deleted = ferry.admin(HttpMethod.DELETE, "/integrated-account/" + id, null).await();
    assertThat(deleted.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", id));
    assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().statusCode()).isEqualTo(404);
  }
}
