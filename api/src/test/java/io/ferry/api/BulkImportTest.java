package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("POST /integrated-account/bulk: NDJSON in, one result per line out, idempotent per line")
class BulkImportTest {

  static final int LINES = 10_000;

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  @DisplayName("10,000 lines with 3 bad ones → 9,997 accounts and 3 errors with their line numbers; a rerun creates none")
  void tenThousandLines(String store, Vertx vertx) {
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options("h2".equals(store) ? null : TestDatabases.postgresUrl())).await();
    try {
      String install = ferry.install("example").await();
      StringBuilder ndjson = new StringBuilder();
      for (int i = 1; i <= LINES; i++) {
        if (i == 17) {
          ndjson.append("{not json\n");
        } else if (i == 4_242) {
          ndjson.append(line(install, i).put("authentication_method", "carrier_pigeon").encode()).append('\n');
        } else if (i == 9_999) {
          ndjson.append(line(install, i).put("environment_integration_id", "no-such-install").encode()).append('\n');
        } else {
          ndjson.append(line(install, i).encode()).append('\n');
        }
      }

      List<JsonObject> first = post(vertx, ferry, ndjson.toString());
      JsonObject summary = first.get(first.size() - 1).getJsonObject("summary");
      assertThat(summary.getInteger("created")).as(() -> unexpected(first, 17, 4_242, 9_999)).isEqualTo(LINES - 3);
      assertThat(summary.getInteger("errors")).isEqualTo(3);
      List<JsonObject> errors = first.stream().filter(r -> "error".equals(r.getString("status"))).toList();
      assertThat(errors).extracting(r -> r.getInteger("line")).containsExactly(17, 4_242, 9_999);
      assertThat(errors.get(1).getJsonObject("error").getJsonArray("failures").getJsonObject(0).getString("pointer"))
          .isEqualTo("/authentication_method");
      assertThat(errors.get(2).getJsonObject("error").getString("message")).contains("environment integration");

      List<JsonObject> again = post(vertx, ferry, ndjson.toString());
      JsonObject rerun = again.get(again.size() - 1).getJsonObject("summary");
      assertThat(rerun.getInteger("created")).isZero();
      assertThat(rerun.getInteger("updated")).as(() -> unexpected(again, 17, 4_242, 9_999)).isEqualTo(LINES - 3);

      var listed = ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=tenant-5000", null).await().bodyAsJsonObject();
      assertThat(listed.getJsonArray("result")).hasSize(1);
      assertThat(listed.getJsonArray("result").getJsonObject(0).encode()).doesNotContain("access-5000");
    } finally {
      ferry.stop().await();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2"})
  @DisplayName("a line with an external_id updates the account of that id on a rerun, even under another tenant")
  void externalIdIsTheKey(String store, Vertx vertx) {
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      String install = ferry.install("example").await();
      List<JsonObject> first = post(vertx, ferry, line(install, 1).put("external_id", "crm-1").encode() + "\n");
      String id = first.get(0).getString("id");
      List<JsonObject> second = post(vertx, ferry, line(install, 2).put("external_id", "crm-1").encode() + "\n");
      assertThat(second.get(0).getString("status")).isEqualTo("updated");
      assertThat(second.get(0).getString("id")).isEqualTo(id);
      assertThat(ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().bodyAsJsonObject()
          .getString("tenant_id")).isEqualTo("tenant-2");
    } finally {
      ferry.stop().await();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  @DisplayName("batches overlap, yet a line updates the account a line of an earlier batch created")
  void laterBatchSeesEarlierBatch(String store, Vertx vertx) {
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options("h2".equals(store) ? null : TestDatabases.postgresUrl())).await();
    try {
      String install = ferry.install("example").await();
      StringBuilder ndjson = new StringBuilder();
      for (int i = 1; i <= 600; i++) {
        // every tenant twice, 300 lines apart: lines 301-400 (2nd batch) repeat lines 1-100 (1st batch)
        ndjson.append(line(install, (i - 1) % 300 + 1).encode()).append('\n');
      }
      List<JsonObject> results = post(vertx, ferry, ndjson.toString());
      JsonObject summary = results.get(results.size() - 1).getJsonObject("summary");
      assertThat(summary.getInteger("created")).as(() -> unexpected(results)).isEqualTo(300);
      assertThat(summary.getInteger("updated")).isEqualTo(300);
      assertThat(results.get(300).getString("status")).isEqualTo("updated");
      assertThat(results.get(300).getString("id")).isEqualTo(results.get(0).getString("id"));
      assertThat(ferry.admin(HttpMethod.GET, "/integrated-account?tenant_id=tenant-1", null).await().bodyAsJsonObject()
          .getJsonArray("result")).hasSize(1);
    } finally {
      ferry.stop().await();
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the import command streams a file, reports the bad line and exits 1, then a clean rerun exits 0")
  void importCommand(Vertx vertx, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      String install = ferry.install("example").await();
      StringBuilder ndjson = new StringBuilder();
      for (int i = 1; i <= 500; i++) {
        ndjson.append(i == 250 ? "[1, 2]" : line(install, i).encode()).append('\n');
      }
      java.nio.file.Path file = dir.resolve("accounts.ndjson");
      java.nio.file.Files.writeString(file, ndjson);
      var out = new java.io.ByteArrayOutputStream();
      var err = new java.io.ByteArrayOutputStream();
      String url = "http://localhost:" + ferry.ferry().port();
      int status = new ImportCommand(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
          .run(new String[] {"import", file.toString(), "--url", url, "--token", FerryServer.ADMIN_TOKEN});
      assertThat(status).isEqualTo(1);
      assertThat(out.toString()).contains("imported 500 lines", "499 created", "1 errors");
      assertThat(err.toString()).contains("line 250:", "500/500 lines");

      java.nio.file.Files.writeString(file, ndjson.toString().replace("[1, 2]", line(install, 250).encode()));
      out.reset();
      status = new ImportCommand(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
          .run(new String[] {"import", file.toString(), "--url", url, "--token", FerryServer.ADMIN_TOKEN});
      assertThat(status).isZero();
      assertThat(out.toString()).contains("1 created, 499 updated, 0 errors");
    } finally {
      ferry.stop().await();
    }
  }

  /** The first error result on a line that should have been fine, for the failure message. */
  static String unexpected(List<JsonObject> results, Integer... badLines) {
    List<Integer> bad = List.of(badLines);
    return results.stream().filter(r -> "error".equals(r.getString("status")) && !bad.contains(r.getInteger("line")))
        .findFirst().map(JsonObject::encode).orElse("no unexpected error line");
  }

  static JsonObject line(String install, int i) {
    return new JsonObject().put("tenant_id", "tenant-" + i).put("environment_integration_id", install)
        .put("authentication_method", "oauth2").put("context", new JsonObject().put("oauth", new JsonObject()
            .put("token", new JsonObject().put("access_token", "access-" + i).put("refresh_token", "refresh-" + i))));
  }

  static List<JsonObject> post(Vertx vertx, FerryServer ferry, String ndjson) {
    var r = WebClient.create(vertx).post(ferry.ferry().port(), "localhost", "/integrated-account/bulk")
        .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).putHeader("content-type", "application/x-ndjson")
        .sendBuffer(Buffer.buffer(ndjson)).await();
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonObject> out = new ArrayList<>();
    for (String l : r.bodyAsString().split("\n")) {
      out.add(new JsonObject(l));
    }
    return out;
  }
}
