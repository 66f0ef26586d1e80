package io.ferry.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ferry.engine.config.FerryOptions;
import io.ferry.engine.crypto.KeyRotation;
import io.ferry.engine.crypto.KeyMaterial;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("secrets in integration configs and install overrides: sealed at rest, masked in responses, rotated")
class ConfigSecretsAtRestTest {

  static final List<String> SECRETS = List.of("cs_SENTINEL_client", "ev_SENTINEL_envvar", "wh_SENTINEL_webhook",
      "ov_SENTINEL_override", "evo_SENTINEL_override_var");

  @Test
  @DisplayName("embedded store: absent from the database file, responses and logs; a masked PATCH keeps them; rotate-keys re-encrypts")
  void embedded(Vertx vertx) throws Exception {
    scenario(vertx, null);
  }

  @Test
  @DisplayName("embedded store with uncompressed pages: absent from every byte Ferry wrote to the file, old page versions included")
  void embeddedUncompressed(Vertx vertx) throws Exception {
    // the shipped store compresses its pages, which can hide a value from a byte search: here the search sees them all
    Path dir = Files.createTempDirectory("ferry-plain");
    scenario(vertx, "jdbc:h2:file:" + dir.resolve("ferry") + ";COMPRESS=FALSE");
  }

  @Test
  @DisplayName("PostgreSQL: absent from a pg_dump, responses and logs; a masked PATCH keeps them; rotate-keys re-encrypts")
  void postgres(Vertx vertx) throws Exception {
    scenario(vertx, TestDatabases.postgresUrl());
  }

  void scenario(Vertx vertx, String databaseUrl) throws Exception {
    String oldKey = key();
    String newKey = key();
    FerryOptions base = FerryServer.options(databaseUrl);
    FerryOptions withOld = FerryOptions.from(java.util.Map.of("FERRY_DATA_DIR", base.dataDir().toString(), "FERRY_HTTP_PORT", "0",
            "FERRY_PROXY_ALLOW_PRIVATE", "true", "FERRY_ENCRYPTION_KEY", oldKey))
        .withDatabaseUrl(databaseUrl).withApiToken(FerryServer.ADMIN_TOKEN).withIntegrationsDir(FerryServer.catalogDir());
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    List<String> responses = new ArrayList<>();
    String integrationId;
    try {
      FerryServer ferry = FerryServer.start(vertx, withOld).await();
      var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "vault").put("config", config())).await();
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      responses.add(created.bodyAsString());
      JsonObject integration = created.bodyAsJsonObject();
      integrationId = integration.getString("id");
      assertThat(integration.getJsonObject("config").getJsonObject("environment_variables").getString("signing_key")).isEqualTo("********");
      assertThat(integration.getJsonObject("config").getJsonObject("webhook").getJsonObject("signature_verification")
          .getJsonObject("config").getString("secret")).isEqualTo("********");

      var install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integrationId)
          .put("override", new JsonObject().put("credentials", new JsonObject().put("oauth2", new JsonObject().put("format", "oauth2")
              .put("config", new JsonObject().put("client", new JsonObject().put("id", "mine").put("secret", "ov_SENTINEL_override")))))
              .put("environment_variables", new JsonObject().put("tenant_key", "evo_SENTINEL_override_var")))).await();
      assertThat(install.statusCode()).as(install.bodyAsString()).isEqualTo(201);
      responses.add(install.bodyAsString());
      String installId = install.bodyAsJsonObject().getString("id");

      // read it all back, then send what was read back: nothing changes
      JsonObject read = ferry.admin(HttpMethod.GET, "/integration/" + integrationId, null).await().bodyAsJsonObject();
      responses.add(read.encode());
      var patched = ferry.admin(HttpMethod.PATCH, "/integration/" + integrationId, new JsonObject().put("version", read.getInteger("version"))
          .put("config", read.getJsonObject("config"))).await();
      assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
      JsonObject installRead = ferry.admin(HttpMethod.GET, "/environment-integration/" + installId, null).await().bodyAsJsonObject();
      responses.add(installRead.encode());
      var installPatched = ferry.admin(HttpMethod.PATCH, "/environment-integration/" + installId,
          new JsonObject().put("override", installRead.getJsonObject("override"))).await();
      assertThat(installPatched.statusCode()).as(installPatched.bodyAsString()).isEqualTo(200);
      responses.add(installPatched.bodyAsString());
      responses.add(ferry.admin(HttpMethod.GET, "/integration", null).await().bodyAsString());
      assertWebhookSecretWorks(ferry, integrationId);

      String stored = dump(ferry, databaseUrl, base);
      assertThat(stored).as("the dump holds the integration").contains("vault");
      if (databaseUrl != null && databaseUrl.startsWith("jdbc:h2:")) {
        assertThat(files(h2Dir(databaseUrl, base))).as("the file's own bytes show what was written").contains("vault");
      }
      SECRETS.forEach(s -> assertThat(stored).as("stored " + s).doesNotContain(s));
      ferry.stop().await();

      // rotation: the new key first, the old one still readable; rotate-keys; then the old key alone is not needed
      FerryOptions both = withKeys(withOld, newKey + "," + oldKey);
      var box = KeyMaterial.secretBox(both);
      var db = io.ferry.engine.store.Database.open(vertx, both);
      JsonObject counts = new KeyRotation(db, box).run().await();
      db.close().await();
      assertThat(counts.getInteger("integration")).isPositive();
      assertThat(counts.getInteger("environment_integration")).isPositive();
      FerryServer rotated = FerryServer.start(vertx, withKeys(withOld, newKey)).await();
      assertWebhookSecretWorks(rotated, integrationId);
      String after = dump(rotated, databaseUrl, base);
      String oldId = io.ferry.engine.crypto.SecretBox.keyIdOf(Base64.getDecoder().decode(oldKey));
      assertThat(after).doesNotContain(":" + oldId + ":");
      rotated.stop().await();
    } finally {
      root.detachAppender(logs);
    }
    for (String r : responses) {
      SECRETS.forEach(s -> assertThat(r).as("response").doesNotContain(s));
    }
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      SECRETS.forEach(s -> assertThat(line).as("log line").doesNotContain(s));
    }
  }

  /** Where the embedded store's files are: the data dir, or the directory a jdbc:h2:file URL names. */
  static Path h2Dir(String databaseUrl, FerryOptions base) {
    return databaseUrl == null ? base.dataDir()
        : Path.of(databaseUrl.substring("jdbc:h2:file:".length()).split(";", 2)[0]).getParent();
  }

  static String files(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (p.getFileName().toString().startsWith("ferry")) {
          all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }

  static FerryOptions withKeys(FerryOptions o, String keys) {
    return FerryOptions.from(java.util.Map.of("FERRY_DATA_DIR", o.dataDir().toString(), "FERRY_HTTP_PORT", "0",
            "FERRY_PROXY_ALLOW_PRIVATE", "true", "FERRY_ENCRYPTION_KEY", keys))
        .withDatabaseUrl(o.databaseUrl()).withApiToken(FerryServer.ADMIN_TOKEN).withIntegrationsDir(FerryServer.catalogDir());
  }

  /** The dry run verifies a signature made with the stored (sealed) webhook secret: the secret survived. */
  static void assertWebhookSecretWorks(FerryServer ferry, String integrationId) throws Exception {
    String body = "{\"event\":\"ping\"}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("wh_SENTINEL_webhook".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sig = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    var r = ferry.admin(HttpMethod.POST, "/integration/" + integrationId + "/webhook/test", new JsonObject().put("request",
        new JsonObject().put("method", "POST").put("headers", new JsonObject().put("x-signature", sig)).put("body", body))).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("steps").getJsonObject("signature_verification").getBoolean("ok"))
        .as(r.bodyAsString()).isTrue();
  }

  /**
   * What the store holds. Embedded: the files' bytes, and H2's SQL script of the live rows, since the store writes its
   * pages LZF-compressed and a value in a compressed page need not appear in the bytes as written.
   */
  static String dump(FerryServer ferry, String databaseUrl, FerryOptions base) throws Exception {
    if (databaseUrl == null || databaseUrl.startsWith("jdbc:h2:")) {
      StringBuilder all = new StringBuilder(files(h2Dir(databaseUrl, base)));
      ferry.ferry().database().pool().query("SCRIPT").execute().await().forEach(row -> all.append(row.getString(0)).append('\n'));
      return all.toString();
    }
    String schema = databaseUrl.substring(databaseUrl.indexOf("search_path=") + "search_path=".length());
    Process p = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", schema, "test")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  static JsonObject config() {
    return new JsonObject()
        .put("base_url", "https://api.example.com")
        .put("credentials", new JsonObject().put("oauth2", new JsonObject().put("format", "oauth2").put("config",
            new JsonObject().put("client", new JsonObject().put("id", "cid").put("secret", "cs_SENTINEL_client"))
                .put("auth", new JsonObject().put("tokenHost", "https://api.example.com")))))
        .put("environment_variables", new JsonObject().put("signing_key", "ev_SENTINEL_envvar").put("region", "{{region}}"))
        .put("webhook", new JsonObject().put("signature_verification", new JsonObject().put("format", "hmac").put("config",
            new JsonObject().put("algorithm", "sha256").put("secret", "wh_SENTINEL_webhook").put("parts", new JsonArray().add("$body"))
                .put("header", "x-signature").put("encoding", "hex"))))
        .put("resources", new JsonObject().put("users", new JsonObject().put("list", new JsonObject().put("path", "/users"))));
  }

  static String key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }
}
