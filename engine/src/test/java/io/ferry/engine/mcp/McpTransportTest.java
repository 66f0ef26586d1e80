package io.ferry.engine.mcp;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MCP transport checks: Origin, protocol version, content type")
class McpTransportTest {
  private final McpTransport transport = new McpTransport("https://ferry.example.com", List.of("https://agent.example.com/"));

  private static McpRequest req(String origin, String host, String version, String type) {
    return new McpRequest("t", null, origin, host, version, type, null);
  }

  @Test
  @DisplayName("no Origin, the same origin, the public URL and configured origins pass")
  void allowed() {
    for (McpRequest r : List.of(req(null, "localhost:8080", null, null), req("http://localhost:8080", "localhost:8080", null, null),
        req("https://ferry.example.com", "10.0.0.5:8080", null, null), req("https://AGENT.example.com", "x", null, null))) {
      assertThatCode(() -> check(r, false)).as(r.toString()).doesNotThrowAnyException();
    }
  }

  @Test
  @DisplayName("any other Origin is 403: another host, another port, null, garbage")
  void refused() {
    for (String origin : List.of("https://evil.example", "http://localhost:9999", "null", "::::")) {
      assertThatThrownBy(() -> check(req(origin, "localhost:8080", null, null), false)).as(origin)
          .isInstanceOfSatisfying(FerryFailure.class, f -> org.assertj.core.api.Assertions.assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
  }

  private void check(McpRequest r, boolean discovery) {
    transport.checkOrigin(r);
    transport.checkHeaders(r, discovery);
  }

  @Test
  @DisplayName("server/discover is answered whatever version the client announced: that is how it learns ours")
  void discoveryAnyVersion() {
    assertThatCode(() -> check(req(null, "h", "2026-07-28", null), true)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("an unsupported MCP-Protocol-Version is 400, a non-JSON content type 415")
  void headers() {
    assertThatThrownBy(() -> check(req(null, "h", "2024-11-05", null), false))
        .isInstanceOfSatisfying(FerryFailure.class, f -> org.assertj.core.api.Assertions.assertThat(f.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> check(req(null, "h", null, "text/plain"), false))
        .isInstanceOfSatisfying(FerryFailure.class, f -> org.assertj.core.api.Assertions.assertThat(f.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    assertThatCode(() -> check(req(null, "h", "2025-06-18", "application/json; charset=utf-8"), false)).doesNotThrowAnyException();
  }
}
