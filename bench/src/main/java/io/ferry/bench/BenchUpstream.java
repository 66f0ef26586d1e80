package io.ferry.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The upstream of the load benchmark: {@code GET /users} answers a 1 KB JSON list with quota headers. */
public final class BenchUpstream {
  private BenchUpstream() {
  }

  static Buffer body() {
    JsonArray users = new JsonArray();
    for (int i = 0; i < 9; i++) {
      users.add(new JsonObject().put("id", "123e4567-e89b-12d3-a456-42661417400" + i).put("name", "John Doe " + i)
          .put("email", "john.doe" + i + "@example.com"));
    }
    return new JsonObject().put("data", users).toBuffer();
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Buffer body = body();
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(req -> req.response()
            .putHeader("content-type", "application/json")
            .putHeader("x-ratelimit-remaining", "100000")
            .end(body))
        .listen(port, "127.0.0.1").await();
    System.out.println("bench upstream on 127.0.0.1:" + port + ", body " + body.length() + " bytes");
  }
}
