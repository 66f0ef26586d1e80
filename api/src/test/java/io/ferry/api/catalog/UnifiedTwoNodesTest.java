package io.ferry.api.catalog;

import io.ferry.api.FerryServer;
import io.ferry.api.TestDatabases;
import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL (each with its own Vert.x, as two processes would be): an environment mapping written
 * through one node is served by the other at once, through the cluster's unified notice (there is no reload timer).
 */
@ExtendWith(VertxExtension.class)
class UnifiedTwoNodesTest {
  Vertx other;
  FerryServer a;
  FerryServer b;
  HttpServer hubspot;

  @AfterEach
  void stop() {
    if (b != null) {
      b.stop().await();
    }
    if (a != null) {
      a.stop().await();
    }
    if (hubspot != null) {
      hubspot.close().await();
    }
    if (other != null) {
      other.close().await();
    }
  }

  @Test
  void anEnvironmentMappingWrittenOnOneNodeIsServedByTheOther(Vertx vertx) {
    String url = TestDatabases.postgresUrl();
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String sharedKey = Base64.getEncoder().encodeToString(key); // both nodes open the accounts' secrets
    a = FerryServer.start(vertx, FerryServer.options(url).with(FerryOptions.Key.FERRY_ENCRYPTION_KEY, sharedKey)).await();
    other = Vertx.vertx();
    b = FerryServer.start(other, FerryServer.options(url).with(FerryOptions.Key.FERRY_ENCRYPTION_KEY, sharedKey)).await();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    ProviderCase p = ProvidersA.hubspot();
    p.routes().accept(router, new Sim());
    hubspot = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    UnifiedEndToEndTest.ferry = a;
    String account = UnifiedEndToEndTest.importAccount(p, "http://127.0.0.1:" + hubspot.actualPort());
    String contact = "/unified/crm/contacts/contacts-2?integrated_account_id=" + account;
    assertThat(b.admin(HttpMethod.GET, contact, null).await().bodyAsJsonObject().containsKey("shout")).isFalse();

    String crm = a.admin(HttpMethod.GET, "/unified-model/crm", null).await().bodyAsJsonObject().getString("id");
    var created = a.admin(HttpMethod.POST, "/environment-unified-model-resource-method", new JsonObject().put("unified_model_id", crm)
        .put("resource_name", "contacts").put("integration_name", "hubspot").put("method_name", "get").put("config",
            new JsonObject().put("response_mapping", "response.{ \"id\": id, \"shout\": $uppercase(properties.firstname) }"))).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(served(b, contact, true).getString("shout")).isEqualTo("FIRST2");

    a.admin(HttpMethod.DELETE, "/environment-unified-model-resource-method/" + created.bodyAsJsonObject().getString("id"), null).await();
    assertThat(served(b, contact, false).getString("last_name")).isEqualTo("Last2");
  }

  /** Node {@code n}'s answer once it has (or no longer has) the field: the notice is asynchronous, allow 2 s. */
  JsonObject served(FerryServer n, String uri, boolean withShout) {
    JsonObject body = null;
    for (int i = 0; i < 40; i++) {
      body = n.admin(HttpMethod.GET, uri, null).await().bodyAsJsonObject();
      if (body.containsKey("shout") == withShout) {
        return body;
      }
      other.timer(50).await();
    }
    return body;
  }
}
