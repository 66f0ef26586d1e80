package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies that stream through Ferry both ways, in a real Ferry process with a 128 MB heap: a 50 MB download and a
 * 50 MB upload arrive byte for byte (SHA-256), and {@code truto_response_format=raw} answers the upstream's bytes.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("streamed bodies: 50 MB down and up through a 128 MB heap, and the raw response format")
class ProxyStreamingTest {
  static final int SIZE = 50 << 20;
  static final int CHUNK = 64 << 10;
  static final String AUTH = "Bearer " + FerryServer.ADMIN_TOKEN;

  Vertx vertx;
  HttpServer upstream;
  FerryProcess ferry;
  WebClient web;
  HttpClient http;
  String account;
  String fileSha;

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    fileSha = sha(file());
    upstream = vertx.createHttpServer().requestHandler(this::upstream).listen(0, "127.0.0.1").await();
    ferry = FerryProcess.of(Files.createTempDirectory("ferry-stream"), null, Map.of()).start("-Xmx128m");
    web = WebClient.create(vertx);
    http = vertx.createHttpClient();
    ferry.awaitHealthy(vertx, web);
    JsonObject config = new JsonObject("""
        {"base_url": "http://127.0.0.1:%d", "authorization": {"format": "bearer"},
         "resources": {
           "files": {"get": {"path": "/files/{{id}}"}, "create": {"path": "/files", "method": "post"}},
           "contacts": {"list": {"path": "/contacts", "response_path": "data"}}}}""".formatted(upstream.actualPort()));
    String integration = admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "files").put("config", config)).getString("id");
    String install = admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration)).getString("id");
    account = admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t1")
        .put("environment_integration_id", install).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("api_key", "secret-key"))).getString("id");
  }

  @AfterAll
  void stop() throws Exception {
    ferry.kill9();
  }

  JsonObject admin(HttpMethod method, String path, JsonObject body) {
    var r = web.request(method, ferry.port, "127.0.0.1", path).putHeader("Authorization", AUTH).sendJsonObject(body).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    return r.bodyAsJsonObject();
  }

  /** The upstream: a 50 MB file in 64 KB chunks, an upload endpoint that hashes what it gets, and a JSON list. */
  void upstream(HttpServerRequest req) {
    if (req.path().startsWith("/files/")) {
      var resp = req.response().putHeader("content-type", "application/octet-stream")
          .putHeader("content-disposition", "attachment; filename=\"big.bin\"").putHeader("content-length", Integer.toString(SIZE));
      writeFile(resp, 0);
    } else if (req.path().equals("/files")) {
      MessageDigest digest = sha256();
      long[] bytes = {0};
      String type = req.getHeader("content-type");
      req.handler(b -> {
        digest.update(b.getBytes());
        bytes[0] += b.length();
      }).endHandler(v -> req.response().putHeader("content-type", "application/json").end(new JsonObject()
          .put("sha256", HexFormat.of().formatHex(digest.digest())).put("bytes", bytes[0]).put("content_type", type).encode()));
    } else {
      req.response().putHeader("content-type", "application/json").putHeader("x-upstream", "yes")
          .end("{ \"data\" : [ {\"id\": 1} ],  \"has_more\": false }");
    }
  }

  /** Writes the file respecting back-pressure, so the upstream itself never holds more than a few chunks. */
  static void writeFile(io.vertx.core.http.HttpServerResponse resp, int offset) {
    while (offset < SIZE && !resp.writeQueueFull()) {
      resp.write(chunk(offset));
      offset += CHUNK;
    }
    if (offset >= SIZE) {
      resp.end();
    } else {
      int next = offset;
      resp.drainHandler(v -> writeFile(resp, next));
    }
  }

  static Buffer chunk(int offset) {
    byte[] bytes = new byte[CHUNK];
    for (int i = 0; i < CHUNK; i++) {
      bytes[i] = (byte) ((offset + i) * 31 + (offset + i) / 7);
    }
    return Buffer.buffer(bytes);
  }

  static byte[][] file() {
    byte[][] chunks = new byte[SIZE / CHUNK][];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = chunk(i * CHUNK).getBytes();
    }
    return chunks;
  }

  static String sha(byte[][] chunks) {
    MessageDigest digest = sha256();
    for (byte[] c : chunks) {
      digest.update(c);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a response as a stream, hashing it (on its event loop): the test never holds the 50 MB either. */
  static io.vertx.core.Future<String> hash(ReadStream<Buffer> body) {
    MessageDigest digest = sha256();
    var done = io.vertx.core.Promise.<String>promise();
    body.handler(b -> digest.update(b.getBytes())).exceptionHandler(done::tryFail)
        .endHandler(v -> done.tryComplete(HexFormat.of().formatHex(digest.digest())));
    return done.future();
  }

  RequestOptions proxy(HttpMethod method, String path) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(ferry.port).setURI(path)
        .putHeader("Authorization", AUTH);
  }

  @Test
  @DisplayName("a 50 MB binary download streams through unchanged, with the upstream's type and length")
  void download() {
    HttpClientResponse[] resp = {null};
    String sha = http.request(proxy(HttpMethod.GET, "/proxy/files/f1?integrated_account_id=" + account))
        .compose(req -> req.send()).compose(r -> {
          resp[0] = r;
          return hash(r);
        }).await();
    assertThat(resp[0].statusCode()).isEqualTo(200);
    assertThat(resp[0].getHeader("content-type")).isEqualTo("application/octet-stream");
    assertThat(resp[0].getHeader("content-length")).isEqualTo(Integer.toString(SIZE));
    assertThat(resp[0].getHeader("content-disposition")).contains("big.bin");
    assertThat(sha).isEqualTo(fileSha);
    assertThat(ferry.alive()).as("the 128 MB Ferry survived").isTrue();
  }

  @Test
  @DisplayName("a 50 MB upload with truto_body_passthrough=true reaches the upstream byte for byte")
  void upload() {
    byte[][] chunks = file();
    JsonObject[] answers = {null};
    HttpClientResponse resp = http.request(proxy(HttpMethod.POST, "/proxy/files?truto_body_passthrough=true&integrated_account_id=" + account)
            .putHeader("content-type", "application/octet-stream").putHeader("content-length", Integer.toString(SIZE)))
        .compose(req -> {
          var sent = req.response();
          write(req, chunks, 0);
          return sent;
        }).compose(r -> r.body().map(b -> {
          answers[0] = b.toJsonObject();
          return r;
        })).await();
    JsonObject answer = answers[0];
    assertThat(resp.statusCode()).as(answer.encode()).isEqualTo(200);
    assertThat(answer.getString("sha256")).isEqualTo(fileSha);
    assertThat(answer.getLong("bytes")).isEqualTo(SIZE);
    assertThat(answer.getString("content_type")).isEqualTo("application/octet-stream");
    assertThat(ferry.alive()).isTrue();
  }

  static void write(io.vertx.core.http.HttpClientRequest req, byte[][] chunks, int from) {
    int i = from;
    while (i < chunks.length && !req.writeQueueFull()) {
      req.write(Buffer.buffer(chunks[i++]));
    }
    if (i == chunks.length) {
      req.end();
    } else {
      int next = i;
      req.drainHandler(v -> write(req, chunks, next));
    }
  }

  @Test
  @DisplayName("truto_response_format=raw answers the upstream's body and headers as they came")
  void rawFormat() {
    var r = web.get(ferry.port, "127.0.0.1", "/proxy/contacts?truto_response_format=raw&integrated_account_id=" + account)
        .putHeader("Authorization", AUTH).send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("{ \"data\" : [ {\"id\": 1} ],  \"has_more\": false }");
    assertThat(r.getHeader("x-upstream")).isEqualTo("yes");
    var shaped = web.get(ferry.port, "127.0.0.1", "/proxy/contacts?integrated_account_id=" + account)
        .putHeader("Authorization", AUTH).send().await();
    assertThat(shaped.bodyAsJsonObject().getJsonArray("result").size()).as("without it: Ferry's envelope").isEqualTo(1);
  }

  @Test
  @DisplayName("an unknown truto_response_format is a 400 naming the parameter")
  void unknownFormat() {
    var r = web.get(ferry.port, "127.0.0.1", "/proxy/contacts?truto_response_format=xml&integrated_account_id=" + account)
        .putHeader("Authorization", AUTH).send().await();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("truto_response_format");
  }
}
