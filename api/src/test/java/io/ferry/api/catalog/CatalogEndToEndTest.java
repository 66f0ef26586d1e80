package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every catalog integration end to end against a simulator of its provider: import an account, page through two
 * resources (3 pages each), get one record of each, meet the provider's documented rate-limit answer and see Ferry
 * wait and recover (or refuse to hammer), and post a signed webhook that reaches the customer's endpoint.
 */
class CatalogEndToEndTest {

  static Vertx vertx;
  static FerryServer ferry;
  static WebClient client;
  static int port;
  static final List<JsonObject> delivered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    port = ferry.ferry().port();
    client = WebClient.create(vertx);
    var receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      delivered.add(b.toJsonObject());
      req.response().end();
    })).listen(0, "127.0.0.1").await();
    ferry.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks")
        .put("event_types", new JsonArray().add("record:*"))).await();
  }

  @AfterAll
  static void stop() {
    ferry.stop().await();
    vertx.close().await();
  }

  @TestFactory
  Stream<DynamicTest> everyCatalogIntegration() {
    List<ProviderCase> cases = List.of(ProvidersA.zendesk(), ProvidersA.hubspot(), ProvidersA.github(), ProvidersA.slack(),
        ProvidersA.stripe(), ProvidersA.shopify(), ProvidersA.jira(), ProvidersB.salesforce(), ProvidersB.intercom(),
        ProvidersB.linear(), ProvidersB.notion(), ProvidersB.asana(), ProvidersB.graph(), ProvidersB.pipedrive(), ProvidersB.keka(),
        ProvidersC.twilio(), ProvidersC.sendgrid());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.integration(), () -> run(c)));
  }

  void run(ProviderCase c) {
    Sim sim = new Sim();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    c.routes().accept(router, sim);
    var server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + server.actualPort();
    try {
      String integration = ferry.admin(HttpMethod.GET, "/integration?name=" + c.integration(), null).await()
          .bodyAsJsonObject().getJsonArray("result").getJsonObject(0).getString("id");
      var install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration)
          .put("override", c.override().apply(base))).await();
      String installId = install.bodyAsJsonObject().getString("id");
      var imported = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "acme")
          .put("environment_integration_id", installId).put("authentication_method", c.authMethod())
          .put("context", c.context().apply(base))).await();
      assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
      String account = imported.bodyAsJsonObject().getString("id");

      for (int i = 0; i < c.resources().size(); i++) {
        String resource = c.resources().get(i);
        long started = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
          var page = ferry.admin(HttpMethod.GET, "/proxy/" + resource + "?limit=3&integrated_account_id=" + account
              + (cursor == null ? "" : "&next_cursor=" + cursor), null).await();
          assertThat(page.statusCode()).as(c.integration() + " " + resource + ": " + page.bodyAsString()).isEqualTo(200);
          page.bodyAsJsonObject().getJsonArray("result").forEach(o -> ids.add(String.valueOf(firstIdOf((JsonObject) o))));
          cursor = page.bodyAsJsonObject().getString("next_cursor");
          pages++;
          assertThat(pages).as("runaway pagination").isLessThan(10);
        } while (cursor != null);
        assertThat(pages).as(c.integration() + " " + resource + " pages").isGreaterThanOrEqualTo(3);
        Set<String> unique = new HashSet<>(ids);
        assertThat(unique).as(c.integration() + " " + resource + " records").hasSize(Sim.TOTAL);
        if (i == 0 && c.throttleRecovers()) {
          assertThat(sim.throttled(c.throttledPath())).as(c.integration() + " sent its rate-limit answer").isTrue();
          assertThat(System.currentTimeMillis() - started).as(c.integration() + " waited before retrying").isGreaterThanOrEqualTo(900);
        }
        var one = ferry.admin(HttpMethod.GET, "/proxy/" + resource + "/" + c.getIds().get(i) + "?integrated_account_id=" + account, null).await();
        assertThat(one.statusCode()).as(c.integration() + " get " + one.bodyAsString()).isEqualTo(200);
        assertThat(one.bodyAsString()).contains(c.getIds().get(i));
      }

      if (!c.throttleRecovers()) {
        var limited = client.get(port, "localhost", "/proxy/" + c.resources().get(0) + "/" + c.throttledPath()
                + "?integrated_account_id=" + account)
            .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN).putHeader("X-Ferry-Max-Wait", "1").send().await();
        assertThat(limited.statusCode()).as(c.integration() + " over its limit").isEqualTo(429);
        assertThat(Integer.parseInt(limited.getHeader("retry-after"))).isGreaterThanOrEqualTo(1);
        assertThat(sim.throttled(c.throttledPath())).isTrue();
      }

      if (c.webhook() != null) {
        ProviderCase.Webhook w = c.webhook().apply(account, installId);
        if (w.handshake() != null) {
          var req = client.post(port, "localhost", w.path());
          w.handshake().forEach(h -> req.putHeader(h.getKey(), String.valueOf(h.getValue())));
          var hs = req.send().await();
          assertThat(hs.statusCode()).isEqualTo(200);
          assertThat(hs.getHeader(w.echoedHeader())).isEqualTo(String.valueOf(w.handshake().getValue(w.echoedHeader())));
        }
        var req = client.post(port, "localhost", w.path());
        w.headers().forEach(h -> req.putHeader(h.getKey(), String.valueOf(h.getValue())));
        var accepted = req.sendBuffer(io.vertx.core.buffer.Buffer.buffer(w.body())).await();
        assertThat(accepted.statusCode()).as(c.integration() + " webhook " + accepted.bodyAsString()).isEqualTo(200);
        for (int i = 0; i < 100 && delivered.stream().noneMatch(d -> account.equals(d.getJsonObject("payload").getString("integrated_account_id"))); i++) {
          vertx.timer(50).await();
        }
        JsonObject event = delivered.stream().filter(d -> account.equals(d.getJsonObject("payload").getString("integrated_account_id")))
            .findFirst().orElseThrow(() -> new AssertionError(c.integration() + ": no event delivered"));
        assertThat(event.getString("event")).isEqualTo(w.expectedEvent());
      }
    } finally {
      server.close();
    }
  }

  static Object firstIdOf(JsonObject record) {
    for (String key : new String[] {"id", "Id", "gid", "login", "accountId"}) {
      if (record.containsKey(key)) {
        return record.getValue(key);
      }
    }
    return record.encode();
  }
}
