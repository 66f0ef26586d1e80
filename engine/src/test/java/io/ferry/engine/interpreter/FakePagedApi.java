package io.ferry.engine.interpreter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** A real HTTP server paging 10 items in every style the interpreter supports. Records the requests it receives. */
final class FakePagedApi {
  static final int TOTAL = 10;
  final List<String> requests = new ArrayList<>();
  HttpServer server;

  Future<FakePagedApi> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0).map(s -> {
      server = s;
      return this;
    });
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private static JsonArray items(int from, int count) {
    JsonArray out = new JsonArray();
    for (int i = from; i < Math.min(TOTAL, from + count); i++) {
      out.add(new JsonObject().put("id", i));
    }
    return out;
  }

  private static int param(HttpServerRequest r, String name, int dflt) {
    String v = r.getParam(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  private void handle(HttpServerRequest r) {
    requests.add(r.uri());
    var res = r.response().putHeader("content-type", "application/json");
    switch (r.path()) {
      case "/page" -> {
        int page = param(r, "page", 1);
        int size = param(r, "per_page", 3);
        res.end(new JsonObject().put("data", new JsonObject().put("users", items((page - 1) * size, size))).encode());
      }
      case "/offset" -> res.end(new JsonObject().put("results", items(param(r, "offset", 0), param(r, "limit", 3))).encode());
      case "/cursor" -> {
        int from = r.getParam("after") == null ? 0 : Integer.parseInt(r.getParam("after").substring(1));
        int size = param(r, "limit", 3);
        String next = from + size < TOTAL ? "c" + (from + size) : null;
        res.end(new JsonObject().put("data", items(from, size)).put("meta", new JsonObject().put("next", next)).encode());
      }
      case "/link" -> {
        int from = param(r, "since", 0);
        if (from + 3 < TOTAL) {
          res.putHeader("Link", "<" + base() + "/link?since=" + (from + 3) + ">; rel=\"next\", <" + base() + "/link>; rel=\"first\"");
        }
        res.end(items(from, 3).encode());
      }
      case "/range" -> {
        String[] range = r.getHeader("range").split("=")[1].split("-");
        int from = Integer.parseInt(range[0]);
        int to = Math.min(Integer.parseInt(range[1]), TOTAL - 1);
        res.putHeader("Content-Range", "items " + from + "-" + to + "/" + TOTAL);
        res.end(items(from, to - from + 1).encode());
      }
      case "/dynamic" -> {
        int page = param(r, "p", 1);
        res.end(new JsonObject().put("items", items((page - 1) * 3, 3)).put("next_page", page * 3 < TOTAL ? page + 1 : null).encode());
      }
      case "/evil-link" -> res.putHeader("Link", "<http://evil.example/steal>; rel=\"next\"").end(items(0, 3).encode());
      case "/stuck-cursor" -> res.end(new JsonObject().put("data", items(0, 3)).put("next", "same").encode());
      default -> res.setStatusCode(404).end("{}");
    }
  }
}
