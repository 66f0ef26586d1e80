package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("the SSRF guard's pinning: RequestOptions#setServer connects to the checked address, Host and SNI stay the URL's")
class PinnedConnectionTest {

  @Test
  @DisplayName("https://<name>:port with setServer(127.0.0.1): no resolution of the name, SNI and Host are the name")
  void hostAndSniKept(Vertx vertx) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("upstream.test");
    AtomicReference<String> sni = new AtomicReference<>();
    AtomicReference<String> host = new AtomicReference<>();
    var server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(req -> {
          sni.set(req.connection().indicatedServerName());
          host.set(req.getHeader("host"));
          req.response().end("ok");
        }).listen(0, "127.0.0.1").await();
    var client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    // "upstream.test" does not resolve anywhere: the call only works because the connection goes to the pinned address
    String body = client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setAbsoluteURI("https://upstream.test:" + server.actualPort() + "/x")
            .setServer(SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1")))
        .compose(req -> req.send()).compose(resp -> resp.body()).await().toString();
    assertThat(body).isEqualTo("ok");
    assertThat(sni.get()).isEqualTo("upstream.test");
    assertThat(host.get()).isEqualTo("upstream.test:" + server.actualPort());
    cert.delete();
  }
}
