package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real HTTP server playing a third-party API (and its OAuth token endpoint); it records every request it gets. */
final class FakeUpstream {

  /** One received request. */
  record Received(String method, String path, String query, String authorization, String body, long at, JsonObject headers) {
  }

  final Router router;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  FakeUpstream(Vertx vertx) {
    router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.route().handler(ctx -> {
      JsonObject headers = new JsonObject();
      ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      received.add(new Received(ctx.request().method().name(), ctx.request().path(), ctx.request().query(),
          ctx.request().getHeader("authorization"), ctx.body().asString(), System.currentTimeMillis(), headers));
      ctx.next();
    });
  }

  Future<FakeUpstream> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<Received> to(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  long count(Predicate<Received> p) {
    return received.stream().filter(p).count();
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(io.vertx.core.json.Json.encode(body));
  }
}
