package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped unified mapping end to end against its provider's simulator, through one Ferry: list over pages of 2
 * (cursor followed to null, every record matching the model's schema, remote_data equal to the provider's record),
 * get, create and update (the provider receives its own body shape), delete, an {@code updated_at[gt]} filter that
 * reaches the provider as the provider's filter, and {@code truto_ignore_remote_data}.
 */
class UnifiedEndToEndTest {
  static Vertx vertx;
  static FerryServer ferry;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
  }

  @AfterAll
  static void stop() {
    ferry.stop().await();
    vertx.close().await();
  }

  @TestFactory
  Stream<DynamicTest> everyShippedMapping() {
    return UnifiedCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  void run(UnifiedCase c) {
    Sim sim = new Sim();
    c.throttleKeys().forEach(sim::firstTime);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    c.provider().routes().accept(router, sim);
    var server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    try {
      String account = importAccount(c.provider(), "http://127.0.0.1:" + server.actualPort());
      SimStore store = c.store().apply(sim);
      Validator schema = schemaOf(c);
      String base = "/unified/" + c.model() + "/" + c.resource();
      String q = "?integrated_account_id=" + account;

      List<String> ids = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonObject page = ok(call(HttpMethod.GET, base + q + "&limit=2" + (cursor == null ? "" : "&next_cursor=" + cursor), null), 200);
        assertThat(page.getJsonArray("result").size()).isEqualTo(page.getInteger("result_count")).isLessThanOrEqualTo(c.pageSize());
        assertThat(page.containsKey("prev_cursor")).isTrue();
        for (Object o : page.getJsonArray("result")) {
          JsonObject record = (JsonObject) o;
          assertSchema(schema, record, c);
          assertThat(record.getJsonObject("remote_data")).as(c.name() + " remote_data").isEqualTo(store.get(record.getString("id")));
          ids.add(record.getString("id"));
        }
        cursor = page.getString("next_cursor");
        pages++;
        assertThat(pages).as("runaway pagination").isLessThan(10);
      } while (cursor != null);
      assertThat(pages).as(c.name() + " pages").isGreaterThanOrEqualTo(3);
      assertThat(ids).as(c.name() + " ids").doesNotHaveDuplicates().hasSize(store.size());

      String one = ids.get(3);
      JsonObject got = ok(call(HttpMethod.GET, base + "/" + one + q, null), 200);
      assertThat(got.getString("id")).isEqualTo(one);
      assertSchema(schema, got, c);
      assertThat(got.getJsonObject("remote_data")).isEqualTo(store.get(one));
      JsonObject bare = ok(call(HttpMethod.GET, base + "/" + one + q + "&truto_ignore_remote_data=true", null), 200);
      assertThat(bare.containsKey("remote_data")).isFalse();
      assertThat(bare.getString("id")).isEqualTo(one);

      JsonObject created = ok(call(HttpMethod.POST, base + q, c.create()), 200, 201);
      assertSchema(schema, created, c);
      c.providerCreateBody().accept(lastWrite(store, "create"));
      String newId = created.getString("id");
      assertThat(store.get(newId)).as(c.name() + " created upstream").isNotNull();

      JsonObject updated = ok(call(HttpMethod.PATCH, base + "/" + newId + q, c.update()), 200);
      assertSchema(schema, updated, c);
      assertThat(updated.getString("id")).isEqualTo(newId);
      c.providerUpdateBody().accept(lastWrite(store, "update"));

      if (c.deletes()) {
        JsonObject deleted = ok(call(HttpMethod.DELETE, base + "/" + newId + q, null), 200);
        assertThat(deleted).isEqualTo(new JsonObject().put("id", newId));
        assertThat(store.get(newId)).as(c.name() + " deleted upstream").isNull();
      } else {
        HttpResponse<Buffer> none = call(HttpMethod.DELETE, base + "/" + newId + q, null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.bodyAsJsonObject().getString("message")).contains("list").contains("get");
      }

      int before = store.queries.size();
      JsonObject recent = ok(call(HttpMethod.GET, base + q + "&updated_at[gt]=" + c.updatedAfter(), null), 200);
      assertThat(store.queries.subList(before, store.queries.size())).as(c.name() + " filter upstream")
          .anyMatch(c.providerFilter());
      assertThat(recent.getJsonArray("result")).as(c.name() + " filtered").isNotEmpty().allSatisfy(o ->
          assertThat(((JsonObject) o).getString("updated_at")).isGreaterThan(c.updatedAfter()));
      assertThat(recent.getJsonArray("result").size()).isLessThan(store.size());
    } finally {
      server.close();
    }
  }

  static String importAccount(ProviderCase p, String base) {
    String integration = ferry.admin(HttpMethod.GET, "/integration?name=" + p.integration(), null).await()
        .bodyAsJsonObject().getJsonArray("result").getJsonObject(0).getString("id");
    var install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration)
        .put("override", p.override().apply(base))).await();
    String installId = install.bodyAsJsonObject().getString("id");
    // the install is idempotent per environment: point it at this test's simulator
    ferry.admin(HttpMethod.PATCH, "/environment-integration/" + installId, new JsonObject().put("override", p.override().apply(base))).await();
    var imported = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "acme")
        .put("environment_integration_id", installId).put("authentication_method", p.authMethod())
        .put("context", p.context().apply(base))).await();
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
    return imported.bodyAsJsonObject().getString("id");
  }

  static HttpResponse<Buffer> call(HttpMethod method, String uri, JsonObject body) {
    return ferry.admin(method, uri, body).await();
  }

  static JsonObject ok(HttpResponse<Buffer> r, Integer... statuses) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn((Object[]) statuses);
    return r.bodyAsJsonObject();
  }

  static JsonObject lastWrite(SimStore store, String op) {
    return store.writes.stream().filter(w -> op.equals(w.getString("_op"))).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("the provider received no " + op)).copy();
  }

  static Validator schemaOf(UnifiedCase c) {
    JsonObject model = ok(call(HttpMethod.GET, "/unified-model/" + c.model(), null), 200);
    JsonObject schema = model.getJsonObject("resources").getJsonObject(c.resource()).getJsonObject("schema").copy()
        .put("additionalProperties", false);
    schema.getJsonObject("properties").put("remote_data", new JsonObject());
    return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
        .setBaseUri("https://ferry.dev/").setOutputFormat(OutputFormat.Basic));
  }

  static void assertSchema(Validator schema, JsonObject record, UnifiedCase c) {
    var out = schema.validate(record);
    assertThat(out.getValid()).as(c.name() + " record " + record.encode() + " " + out.getErrors()).isTrue();
  }
}
