package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real Ferry for tests: its own data dir and admin token, a real HTTP port, and a client pointed at it. */
public final class FerryServer {
  public static final String ADMIN_TOKEN = "fry_test_admin_token_0123456789abcdef";

  private final Vertx vertx;
  private final FerryOptions options;
  private final WebClient client;
  private Ferry ferry;

  private FerryServer(Vertx vertx, FerryOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost"));
  }

  /** Options for a fresh instance: temp data dir, port 0, the repository's catalog, the given database (null = H2). */
  public static FerryOptions options(String databaseUrl) {
    try {
      Path data = Files.createTempDirectory("ferry-test");
      return FerryOptions.from(Map.of("FERRY_DATA_DIR", data.toString(), "FERRY_HTTP_PORT", "0",
              "FERRY_PROXY_ALLOW_PRIVATE", "true"))
          .withDatabaseUrl(databaseUrl).withApiToken(ADMIN_TOKEN).withIntegrationsDir(catalogDir());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String catalogDir() {
    Path p = Path.of("../integrations");
    return Files.isDirectory(p) ? p.toString() : Path.of("integrations").toString();
  }

  public static Future<FerryServer> start(Vertx vertx, FerryOptions options) {
    FerryServer server = new FerryServer(vertx, options);
    return server.startAgain().map(server);
  }

  /** Starts (or restarts, after {@link #stop()}) on the same data dir and database. */
  public Future<Void> startAgain() {
    return Ferry.start(vertx, options.withHttpPort(0)).map(f -> {
      ferry = f;
      return null;
    });
  }

  public Future<Void> stop() {
    return ferry == null ? Future.succeededFuture() : ferry.stop();
  }

  public Ferry ferry() {
    return ferry;
  }

  public FerryOptions options() {
    return options;
  }

  public Future<HttpResponse<Buffer>> call(HttpMethod method, String uri, String token, Object body) {
    var request = client.request(method, ferry.port(), "localhost", uri);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return request.send();
    }
    if (body instanceof String s) {
      return request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(s));
    }
    if (body instanceof Buffer b) {
      return request.putHeader("content-type", "application/json").sendBuffer(b);
    }
    return request.sendJsonObject((JsonObject) body);
  }

  public Future<HttpResponse<Buffer>> admin(HttpMethod method, String uri, Object body) {
    return call(method, uri, ADMIN_TOKEN, body);
  }

  /** Installs the catalog integration {@code name} in the admin token's environment; answers the install id. */
  public Future<String> install(String name) {
    return admin(HttpMethod.GET, "/integration?name=" + name, null)
        .map(r -> r.bodyAsJsonObject().getJsonArray("result").getJsonObject(0).getString("id"))
        .compose(id -> admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", id)))
        .map(r -> r.bodyAsJsonObject().getString("id"));
  }
}
