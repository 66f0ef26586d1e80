package io.ferry.engine.integration;

import io.ferry.engine.interpreter.ExpressionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationCatalogTest {

  private final ConfigCheck check = new ConfigCheck(ExpressionCheck::failures);

  @Test
  void aDirectoryAddsToTheBundledCatalogAndOverridesSameNames(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("example.json"), "{\"base_url\": \"https://override.example.com\", \"resources\": {}}");
    Files.writeString(dir.resolve("acme_crm.json"), "{\"base_url\": \"https://acme.example.com\", \"resources\": {}}");

    Map<String, IntegrationCatalog.Entry> byName = IntegrationCatalog.load(dir.toString(), check).stream()
        .collect(Collectors.toMap(IntegrationCatalog.Entry::name, Function.identity()));

    assertThat(byName).containsKeys("github", "hubspot", "zendesk", "acme_crm", "example");
    assertThat(byName.get("example").config().getString("base_url")).isEqualTo("https://override.example.com");
    assertThat(byName.get("example").source()).startsWith(dir.toString());
    assertThat(byName.get("github").source()).startsWith("bundled:");
  }

  @Test
  void aBadFileInTheDirectoryFailsNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"base_url\": 42}");
    assertThatThrownBy(() -> IntegrationCatalog.load(dir.toString(), check))
        .hasMessageContaining("broken.json").hasMessageContaining("/base_url");
  }

  @Test
  void aMissingConfiguredDirectoryIsAnError() {
    assertThatThrownBy(() -> IntegrationCatalog.load("/nonexistent/ferry-catalog", check))
        .hasMessageContaining("FERRY_INTEGRATIONS_DIR");
  }

  @Test
  void withoutADirectoryTheBundledCatalogIsLoadedWhole() {
    List<IntegrationCatalog.Entry> entries = IntegrationCatalog.load(null, check);
    assertThat(entries).extracting(IntegrationCatalog.Entry::name).contains("example", "github", "salesforce");
  }
}
