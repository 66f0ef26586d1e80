package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;

/**
 * {@code java -jar ferry.jar demo-upstream [port]}: a small third-party API to try Ferry offline (README "Try it"):
 * a paged {@code /users} list behind a bearer token, with rate-limit headers, so every part of a proxy call — auth,
 * pages, quota — is there to see.
 */
public final class DemoUpstream {
  public static final String TOKEN = "demo-secret-token";
  static final List<String> NAMES = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra",
      "Barbara Liskov", "Donald Knuth", "Margaret Hamilton");

  private DemoUpstream() {
  }

  public static Future<HttpServer> start(Vertx vertx, int port) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-RateLimit-Limit", "100").putHeader("X-RateLimit-Remaining", "99");
      if (!("Bearer " + TOKEN).equals(ctx.request().getHeader("authorization"))) {
        json(ctx, 401, new JsonObject().put("error", "invalid or missing bearer token"));
      } else {
        ctx.next();
      }
    });
    router.get("/users").handler(DemoUpstream::list);
    router.get("/users/:id").handler(ctx -> {
      int id = parse(ctx.pathParam("id"), -1);
      if (id < 1 || id > NAMES.size()) {
        json(ctx, 404, new JsonObject().put("error", "no user " + ctx.pathParam("id")));
      } else {
        json(ctx, 200, new JsonObject().put("user", user(id)));
      }
    });
    router.post("/users").handler(ctx -> json(ctx, 201, new JsonObject().put("user",
        (ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject()).put("id", NAMES.size() + 1))));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  private static void list(RoutingContext ctx) {
    int perPage = Math.max(1, Math.min(100, parse(ctx.request().getParam("per_page"), 5)));
    int page = Math.max(1, parse(ctx.request().getParam("page"), 1));
    int totalPages = (NAMES.size() + perPage - 1) / perPage;
    JsonArray users = new JsonArray();
    for (int id = (page - 1) * perPage + 1; id <= Math.min(NAMES.size(), page * perPage); id++) {
      users.add(user(id));
    }
    json(ctx, 200, new JsonObject().put("users", users).put("page", page).put("total_pages", totalPages));
  }

  private static JsonObject user(int id) {
    String name = NAMES.get(id - 1);
    return new JsonObject().put("id", id).put("name", name)
        .put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
  }

  private static int parse(String s, int dflt) {
    try {
      return s == null ? dflt : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  static void run(String[] args) {
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9999;
    Vertx vertx = Vertx.vertx();
    HttpServer server = start(vertx, port).await();
    System.out.println("Demo upstream on http://localhost:" + server.actualPort() + " (token: " + TOKEN + "); Ctrl-C to stop");
  }
}
