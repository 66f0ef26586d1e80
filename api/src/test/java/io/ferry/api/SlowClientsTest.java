package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("slow and greedy clients: header-read timeout, connection cap per address, oversize requests as JSON")
class SlowClientsTest {

  FerryServer ferry;

  @BeforeEach
  void start(Vertx vertx) {
    ferry = FerryServer.start(vertx, FerryServer.options(null).withHttpLimits(30, 1_500, 20)).await();
  }

  @AfterEach
  void stop() {
    ferry.stop().await();
  }

  @Test
  @DisplayName("connections dripping headers byte by byte are closed after the header timeout; a normal client still gets through")
  void slowlorisClosed() throws Exception {
    List<Socket> drips = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Socket s = new Socket("127.0.0.1", ferry.ferry().port());
      s.setSoTimeout(1_000);
      drips.add(s);
    }
    byte[] request = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    // drip one byte per connection every 100 ms for 2.5 s: the idle timeout never trips, the 1.5 s header timeout must
    for (int step = 0; step < 25; step++) {
      for (Socket s : drips) {
        write(s, request[step % request.length]);
      }
      Thread.sleep(100);
    }
    int closed = 0;
    for (Socket s : drips) {
      try {
        if (s.getInputStream().read() < 0) {
          closed++; // end of stream: the server closed it
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        // held open: a failure
      } catch (IOException reset) {
        closed++;
      }
    }
    assertThat(closed).as("dripping connections closed by the server").isEqualTo(drips.size());
    assertThat(get("/health")).startsWith("HTTP/1.1 200");
    for (Socket s : drips) {
      s.close();
    }
  }

  @Test
  @DisplayName("one address holding more than the cap: the extra connections are closed at once")
  void connectionCap() throws Exception {
    List<Socket> held = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 30; i++) {
      Socket s = new Socket("127.0.0.1", ferry.ferry().port());
      s.setSoTimeout(2_000);
      held.add(s);
    }
    Thread.sleep(300); // well inside the header timeout: only the cap can have closed a connection by now
    for (Socket s : held) {
      s.setSoTimeout(20);
      try {
        if (s.getInputStream().read() < 0) {
          refused++;
        }
      } catch (java.net.SocketTimeoutException open) {
        // still open: within the cap
      } catch (IOException reset) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(10);
    for (Socket s : held) {
      s.close();
    }
  }

  @Test
  @DisplayName("a request line or headers past Vert.x's limits answer 414 / 431 with the JSON envelope")
  void oversizeRequestsEnveloped() throws Exception {
    String longLine = get("/integration?x=" + "a".repeat(10_000));
    assertThat(longLine).matches("(?s)HTTP/1\\.[01] 414.*");
    assertThat(body(longLine).getInteger("statusCode")).isEqualTo(414);
    String bigHeaders = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");
    assertThat(bigHeaders).matches("(?s)HTTP/1\\.[01] 431.*");
    assertThat(body(bigHeaders).getString("error")).isEqualTo("Request Header Fields Too Large");
    String garbage = raw("NOT HTTP AT ALL\r\n\r\n");
    assertThat(body(garbage).getInteger("statusCode")).isEqualTo(400);
  }

  static JsonObject body(String response) {
    return new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  String get(String path) throws IOException {
    return raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", ferry.ferry().port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return read(s.getInputStream());
    }
  }

  static String read(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        String sofar = out.toString();
        int headerEnd = sofar.indexOf("\r\n\r\n");
        if (headerEnd > 0) {
          var m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(sofar);
          if (m.find() && sofar.length() - headerEnd - 4 >= Integer.parseInt(m.group(1))) {
            break;
          }
        }
      }
    } catch (IOException reset) {
      // closed by the server
    }
    return out.toString();
  }

  static void write(Socket s, byte b) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(b);
      out.flush();
    } catch (IOException closed) {
      // the server closed it: seen when reading
    }
  }
}
