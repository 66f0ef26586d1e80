package io.ferry.engine.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FerryOptionsTest {

  @Test
  @DisplayName("defaults apply when nothing is set")
  void defaults() {
    FerryOptions o = FerryOptions.from(Map.of());
    assertThat(o.httpPort()).isEqualTo(8080);
    assertThat(o.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(o.databaseUrl()).isNull();
    assertThat(o.proxyAllowPrivate()).isFalse();
  }

  @Test
  @DisplayName("an environment variable beats the FERRY_CONFIG file, which beats the default")
  void precedence() throws Exception {
    Path file = Files.createTempFile("ferry", ".json");
    Files.writeString(file, "{\"FERRY_HTTP_PORT\": 9000, \"FERRY_DATA_DIR\": \"/from-file\"}");
    FerryOptions o = FerryOptions.from(Map.of("FERRY_CONFIG", file.toString(), "FERRY_HTTP_PORT", "9100"));
    assertThat(o.httpPort()).isEqualTo(9100);
    assertThat(o.dataDir()).isEqualTo(Path.of("/from-file"));
  }

  @Test
  @DisplayName("a bad port is reported by name; secrets never appear in toString")
  void badValuesAndMasking() {
    assertThatThrownBy(() -> FerryOptions.from(Map.of("FERRY_HTTP_PORT", "eighty"))).hasMessageContaining("FERRY_HTTP_PORT");
    FerryOptions o = FerryOptions.from(Map.of("FERRY_API_TOKEN", "fry_SECRET", "FERRY_ENCRYPTION_KEY", "S3CR3T"));
    assertThat(o.toString()).doesNotContain("SECRET").doesNotContain("S3CR3T");
  }
}
