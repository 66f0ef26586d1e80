package io.ferry.engine.webhook;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookConfigCheckTest {

  @Test
  @DisplayName("every catalog integration's signature config passes; typos fail with the JSON pointer of the field")
  void catalogPassesTyposFail() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../integrations"))) {
      files.filter(p -> p.toString().endsWith(".json")).forEach(p -> {
        try {
          assertThat(WebhookConfigCheck.failures(new JsonObject(Files.readString(p)))).as(p.toString()).isEmpty();
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    JsonObject typo = new JsonObject("""
        {"webhook": {"signature_verification": {"format": "any_of", "config": {"schemes": [
          {"format": "public_key", "config": {"algorithm": "ecdsa-sha257"}},
          {"format": "hmca", "config": {}}]}}}}""");
    assertThat(WebhookConfigCheck.failures(typo).stream().map(f -> ((JsonObject) f).getString("pointer")).toList())
        .containsExactly("/webhook/signature_verification/config/schemes/0/config/algorithm",
            "/webhook/signature_verification/config/schemes/1/format");
    assertThat(WebhookConfigCheck.failures(new JsonObject("""
        {"webhook": {"signature_verification": {"format": "HMAC-SHA256", "config": {"algorithm": "sha256"}}}}"""))).isEmpty();
  }
}
