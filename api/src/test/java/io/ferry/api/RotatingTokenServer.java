package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that rotates refresh tokens the way Salesforce, Xero and QuickBooks do: each refresh issues a new access
 * token and a new refresh token and retires the old one; reusing a retired refresh token revokes the whole grant
 * (every later refresh and call fails). Its API ({@code GET /users/:id}) answers 401 to any other than the current
 * access token after a random delay, so the 401s of concurrent callers arrive at staggered times.
 */
final class RotatingTokenServer {
  final AtomicInteger refreshes = new AtomicInteger();
  final AtomicInteger reuses = new AtomicInteger();
  private final Set<String> retired = new HashSet<>();
  private String access = "acc-0";
  private String refresh = "ref-0";
  private boolean revoked;
  private HttpServer server;

  Future<RotatingTokenServer> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.post("/oauth/token").handler(ctx -> {
      String presented = ctx.request().getFormAttribute("refresh_token");
      // a slow token endpoint, so that callers pile up behind the refresh
      vertx.setTimer(80, t -> {
        JsonObject answer;
        synchronized (this) {
          if (revoked || presented == null || !presented.equals(refresh)) {
            if (retired.contains(presented)) {
              reuses.incrementAndGet();
              revoked = true; // refresh token reuse: the provider assumes theft and revokes the grant
            }
            FakeUpstream.json(ctx, 400, new JsonObject().put("error", "invalid_grant"));
            return;
          }
          refreshes.incrementAndGet();
          retired.add(refresh);
          access = "acc-" + refreshes.get();
          refresh = "ref-" + refreshes.get();
          answer = new JsonObject().put("access_token", access).put("refresh_token", refresh).put("expires_in", 3600);
        }
        FakeUpstream.json(ctx, 200, answer);
      });
    });
    router.get("/users/:id").handler(ctx -> {
      boolean ok;
      synchronized (this) {
        ok = !revoked && ("Bearer " + access).equals(ctx.request().getHeader("authorization"));
      }
      if (ok) {
        FakeUpstream.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("id", ctx.pathParam("id"))));
      } else {
        vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(150),
            t -> FakeUpstream.json(ctx, 401, new JsonObject().put("error", "invalid token")));
      }
    });
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The provider expires the current access token on its side (Ferry still believes it valid). */
  synchronized void expireAccessToken() {
    access = "expired-" + access;
  }

  synchronized JsonObject currentTokens() {
    return new JsonObject().put("access_token", access).put("refresh_token", refresh);
  }

  synchronized boolean revoked() {
    return revoked;
  }
}
