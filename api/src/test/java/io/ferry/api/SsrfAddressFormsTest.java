package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("SSRF: every spelling of an internal address is refused before any connection is made")
class SsrfAddressFormsTest {

  static final List<String> FORMS = List.of("127.0.0.1", "0x7f000001", "0177.0.0.1", "2130706433", "127.1", "0x7f.0.0.1",
      "017700000001", "localhost", "localhost.", "LOCALHOST", "app.localhost", "[::1]", "[0:0:0:0:0:0:0:1]", "[::127.0.0.1]",
      "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::]",
      "[fd00::1]", "[fe80::1]", "[ff02::1]", "[::]", "0.0.0.0", "0", "10.0.0.1", "172.16.0.1", "192.168.1.1",
      "169.254.169.254", "[::169.254.169.254]", "[::10.0.0.1]", "[::ffff:169.254.169.254]", "100.64.0.1", "224.0.0.1",
      "255.255.255.255");

  FerryServer ferry;
  ServerSocket canary;
  final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    canary = new ServerSocket();
    canary.bind(new InetSocketAddress(0)); // wildcard, dual stack: any loopback spelling would land here
    Thread accept = new Thread(() -> {
      while (!canary.isClosed()) {
        try (Socket s = canary.accept()) {
          connections.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    }, "ssrf-canary");
    accept.setDaemon(true);
    accept.start();
    ferry = FerryServer.start(vertx, FerryServer.options(null).withProxyAllowPrivate(false)).await();
  }

  @AfterEach
  void stop() throws IOException {
    ferry.stop().await();
    canary.close();
  }

  @Test
  @DisplayName("proxy calls and outbound webhook targets: 400 for every form, 0 connections to the loopback canary")
  void everyFormRefused() {
    int port = canary.getLocalPort();
    JsonObject config = new JsonObject().put("base_url", "http://{{target}}")
        .put("credentials", new JsonObject().put("api_key", new JsonObject().put("format", "api_key")))
        .put("resources", new JsonObject().put("users", new JsonObject().put("list",
            new JsonObject().put("path", "/users").putNull("pagination"))));
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "ssrf").put("config", config)).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject()
        .put("integration_id", created.bodyAsJsonObject().getString("id"))).await().bodyAsJsonObject().getString("id");
    for (String form : FORMS) {
      var account = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
          .put("environment_integration_id", install).put("authentication_method", "api_key")
          .put("context", new JsonObject().put("api_key", "k").put("target", form + ":" + port))).await();
      assertThat(account.statusCode()).as(account.bodyAsString()).isEqualTo(201);
      var r = ferry.admin(HttpMethod.GET, "/proxy/users?integrated_account_id=" + account.bodyAsJsonObject().getString("id"), null).await();
      assertThat(r.statusCode()).as(form + ": " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("message")).as(form).contains("refusing to call");

      var hook = ferry.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url", "http://" + form + ":" + port + "/in")).await();
      if (hook.statusCode() == 201) {
        var test = ferry.admin(HttpMethod.POST, "/webhook/test", new JsonObject().put("id", hook.bodyAsJsonObject().getString("id"))).await();
        assertThat(test.statusCode()).as("webhook " + form + ": " + test.bodyAsString()).isBetween(400, 499);
      } else {
        assertThat(hook.statusCode()).as("webhook " + form).isEqualTo(400);
      }
    }
    assertThat(connections.get()).as("connections reaching the loopback canary").isZero();
  }

  @Test
  @DisplayName("control: with private targets allowed, the hex form reaches the canary, so the canary would see a bypass")
  void canaryCounts(Vertx vertx) {
    ferry.stop().await(); // one Ferry per Vert.x: both would serve the same event-bus addresses
    FerryServer open = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      var hook = open.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url",
          "http://0x7f000001:" + canary.getLocalPort() + "/in")).await();
      var sent = open.admin(HttpMethod.POST, "/webhook/test", new JsonObject().put("id", hook.bodyAsJsonObject().getString("id"))).await();
      assertThat(connections.get()).as(hook.bodyAsString() + " " + sent.bodyAsString()).isPositive();
      assertThat(connections.get()).isPositive();
    } finally {
      open.stop().await();
    }
  }
}
