package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("proxy routes forward exactly what the config says")
class ProxyCrudTest extends ProxyTestBase {

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/users").handler(ctx -> {
      int page = Integer.parseInt(ctx.request().getParam("page"));
      int size = Integer.parseInt(ctx.request().getParam("per_page", "2"));
      JsonArray users = new JsonArray();
      for (int i = (page - 1) * size; i < Math.min(5, page * size); i++) {
        users.add(new JsonObject().put("id", "u" + i));
      }
      ctx.response().putHeader("X-RateLimit-Remaining", "99");
      FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("users", users)));
    });
    up.router.get("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200,
        new JsonObject().put("data", new JsonObject().put("id", ctx.pathParam("id")).put("name", "Ann"))));
    up.router.post("/users").handler(ctx -> FakeUpstream.json(ctx, 201, ctx.body().asJsonObject().put("id", "new")));
    up.router.patch("/users/:id").handler(ctx -> FakeUpstream.json(ctx, 200, ctx.body().asJsonObject().put("id", ctx.pathParam("id"))));
    up.router.delete("/users/:id").handler(ctx -> ctx.response().setStatusCode(204).end());
    up.router.post("/users/:id/deactivate").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("deactivated", ctx.pathParam("id"))));
  }

  @Test
  @DisplayName("list walks pages through opaque cursors, with auth and the caller's extra query")
  void listPages() {
    String id = importAccount(oauthContext("tok-1", "ref-1", 3600), "oauth2", false);
    var first = proxy(HttpMethod.GET, "/proxy/users?limit=2&sort=name", id, null);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject body = first.bodyAsJsonObject();
    assertThat(body.getJsonArray("result")).hasSize(2);
    assertThat(body.getInteger("result_count")).isEqualTo(2);
    assertThat(first.getHeader("ratelimit-remaining")).isEqualTo("99");
    int pages = 1;
    String cursor = body.getString("next_cursor");
    while (cursor != null) {
      body = proxy(HttpMethod.GET, "/proxy/users?limit=2&next_cursor=" + cursor, id, null).bodyAsJsonObject();
      pages++;
      cursor = body.getString("next_cursor");
    }
    assertThat(pages).isEqualTo(3);
    var firstRequest = upstream.to("/users").get(0);
    assertThat(firstRequest.query()).isEqualTo("sort=name&page=1&per_page=2");
    assertThat(firstRequest.authorization()).isEqualTo("Bearer tok-1");
    assertThat(upstream.to("/users").get(2).query()).isEqualTo("page=3&per_page=2");
  }

  @Test
  @DisplayName("get, create, update, delete and a custom method reach the upstream as configured")
  void crudAndCustom() {
    String id = importAccount(oauthContext("tok-1", "ref-1", 3600), "oauth2", false);
    var get = proxy(HttpMethod.GET, "/proxy/users/u%2F1", id, null);
    assertThat(get.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", "u/1").put("name", "Ann"));
    assertThat(upstream.received.get(0).path()).isEqualTo("/users/u%2F1");

    var created = proxy(HttpMethod.POST, "/proxy/users", id, new JsonObject().put("name", "Bo"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("new");
    assertThat(upstream.to("/users").get(0).body()).isEqualTo("{\"name\":\"Bo\"}");

    var updated = proxy(HttpMethod.PATCH, "/proxy/users/u1", id, new JsonObject().put("name", "Cy"));
    assertThat(updated.bodyAsJsonObject().getString("name")).isEqualTo("Cy");
    assertThat(upstream.to("/users/u1").get(0).method()).isEqualTo("PATCH");

    var deleted = proxy(HttpMethod.DELETE, "/proxy/users/u2", id, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(upstream.to("/users/u2").get(0).method()).isEqualTo("DELETE");

    var custom = proxy(HttpMethod.POST, "/proxy/users/deactivate", id, new JsonObject().put("id", "u3"));
    assertThat(custom.bodyAsJsonObject()).isEqualTo(new JsonObject().put("deactivated", "u3"));
  }

  @Test
  @DisplayName("an unknown resource or method is a 404 naming what exists; a missing account id is a 400")
  void unknownNames() {
    String id = importAccount(oauthContext("tok-1", "ref-1", 3600), "oauth2", false);
    var resource = proxy(HttpMethod.GET, "/proxy/tickets", id, null);
    assertThat(resource.statusCode()).isEqualTo(404);
    assertThat(resource.bodyAsJsonObject().getString("message")).contains("flaky, quota, slow, users");
    var method = proxy(HttpMethod.POST, "/proxy/users/archive", id, new JsonObject());
    assertThat(method.statusCode()).isEqualTo(404);
    assertThat(method.bodyAsJsonObject().getString("message")).contains("deactivate");
    var noAccount = ferry.admin(HttpMethod.GET, "/proxy/users", null).await();
    assertThat(noAccount.statusCode()).isEqualTo(400);
    assertThat(noAccount.bodyAsString()).contains("integrated_account_id");
    assertThat(upstream.received).isEmpty();
  }

  @Test
  @DisplayName("a sandbox account reads but every write is a 405 that never reaches the upstream")
  void sandboxIsReadOnly() {
    String id = importAccount(oauthContext("tok-1", "ref-1", 3600), "oauth2", true);
    assertThat(proxy(HttpMethod.GET, "/proxy/users/u1", id, null).statusCode()).isEqualTo(200);
    assertThat(proxy(HttpMethod.POST, "/proxy/users", id, new JsonObject()).statusCode()).isEqualTo(405);
    assertThat(proxy(HttpMethod.DELETE, "/proxy/users/u1", id, null).statusCode()).isEqualTo(405);
    assertThat(proxy(HttpMethod.POST, "/proxy/users/deactivate", id, new JsonObject()).statusCode()).isEqualTo(405);
    assertThat(upstream.count(r -> !r.method().equals("GET"))).isZero();
  }
}
