package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OAuth 2.0 authorization server on loopback, strict like a production one: the authorize request must name the
 * registered client and redirect URI and carry a PKCE S256 challenge; a consent page offers Allow and Deny; the token
 * endpoint demands the client's secret (HTTP Basic), a single-use code, the same redirect URI and the PKCE verifier.
 * It also serves {@code GET /api/me}, which accepts only tokens it issued.
 */
final class OAuthProviderServer {
  static final String CLIENT_ID = "ferry-client";
  static final String CLIENT_SECRET = "s3cret-client-value";

  record Grant(String redirectUri, String challenge, String scope, boolean used) {
  }

  private final Map<String, JsonObject> pending = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  final Map<String, String> issued = new ConcurrentHashMap<>(); // access token → scope
  final CopyOnWriteArrayList<String> tokenErrors = new CopyOnWriteArrayList<>();
  final CopyOnWriteArrayList<String> authorizeQueries = new CopyOnWriteArrayList<>();
  final AtomicInteger tokenCalls = new AtomicInteger();
  private final AtomicInteger counter = new AtomicInteger();
  private HttpServer server;

  Future<OAuthProviderServer> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.get("/oauth/authorize").handler(this::authorize);
    router.get("/oauth/decide").handler(this::decide);
    router.post("/oauth/token").handler(this::token);
    router.get("/api/me").handler(this::me);
    // what an API-key provider's validation call sees: keys this provider issued start with "key-"
    router.get("/api/keycheck").handler(ctx -> json(ctx, String.valueOf(ctx.request().getHeader("x-api-key")).startsWith("key-") ? 200 : 403,
        new JsonObject().put("ok", true)));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void authorize(RoutingContext ctx) {
    var q = ctx.queryParams();
    authorizeQueries.add(ctx.request().query());
    String problem = !"code".equals(q.get("response_type")) ? "response_type must be code"
        : !CLIENT_ID.equals(q.get("client_id")) ? "unknown client"
        : q.get("redirect_uri") == null || !q.get("redirect_uri").matches("http://localhost:\\d+/connect/[a-z_]+/callback") ? "unregistered redirect_uri"
        : !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null ? "PKCE S256 is required"
        : q.get("state") == null ? "state is required" : null;
    if (problem != null) {
      ctx.response().setStatusCode(400).end(problem);
      return;
    }
    String txn = UUID.randomUUID().toString();
    pending.put(txn, new JsonObject().put("redirect_uri", q.get("redirect_uri")).put("state", q.get("state"))
        .put("challenge", q.get("code_challenge")).put("scope", q.get("scope")));
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").end("""
        <!doctype html><html lang="en"><head><title>Provider consent</title></head><body>
        <h1>Allow Ferry to access your account?</h1><p id="scope">Scopes: %s</p>
        <form method="get" action="/oauth/decide"><input type="hidden" name="txn" value="%s">
        <button id="allow" name="approve" value="yes">Allow</button>
        <button id="deny" name="approve" value="no">Deny</button></form></body></html>""".formatted(q.get("scope"), txn));
  }

  private void decide(RoutingContext ctx) {
    JsonObject p = pending.remove(ctx.queryParams().get("txn"));
    if (p == null) {
      ctx.response().setStatusCode(400).end("unknown transaction");
      return;
    }
    String back = p.getString("redirect_uri") + "?";
    if ("yes".equals(ctx.queryParams().get("approve"))) {
      String code = "code-" + counter.incrementAndGet();
      codes.put(code, new Grant(p.getString("redirect_uri"), p.getString("challenge"), p.getString("scope"), false));
      back += "code=" + code;
    } else {
      back += "error=access_denied&error_description=" + enc("The user denied the request");
    }
    ctx.response().setStatusCode(302).putHeader("location", back + "&state=" + enc(p.getString("state"))).end();
  }

  private void token(RoutingContext ctx) {
    tokenCalls.incrementAndGet();
    var form = ctx.request().formAttributes();
    String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    String error = null;
    Grant grant = codes.get(String.valueOf(form.get("code")));
    if (!expectedAuth.equals(ctx.request().getHeader("authorization"))) {
      error = "invalid_client";
    } else if (!"authorization_code".equals(form.get("grant_type"))) {
      error = "unsupported_grant_type";
    } else if (grant == null || grant.used()) {
      error = "invalid_grant";
    } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
      error = "invalid_grant: redirect_uri mismatch";
    } else if (form.get("code_verifier") == null || !challenge(form.get("code_verifier")).equals(grant.challenge())) {
      error = "invalid_grant: PKCE verification failed";
    }
    if (error != null) {
      tokenErrors.add(error);
      json(ctx, 400, new JsonObject().put("error", error.split(":")[0]));
      return;
    }
    codes.put(form.get("code"), new Grant(grant.redirectUri(), grant.challenge(), grant.scope(), true));
    int n = counter.incrementAndGet();
    String access = "at-" + n + "-" + UUID.randomUUID();
    issued.put(access, String.valueOf(grant.scope()));
    json(ctx, 200, new JsonObject().put("access_token", access).put("refresh_token", "rt-" + n).put("expires_in", 3600)
        .put("token_type", "bearer").put("scope", grant.scope()));
  }

  private void me(RoutingContext ctx) {
    String auth = String.valueOf(ctx.request().getHeader("authorization"));
    if (!auth.startsWith("Bearer ") || !issued.containsKey(auth.substring(7))) {
      json(ctx, 401, new JsonObject().put("error", "invalid_token"));
      return;
    }
    json(ctx, 200, new JsonObject().put("data", new JsonObject().put("id", "user-1").put("token", auth.substring(7))));
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
