package io.ferry.engine.integration;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SeedSchemaTest {

  final ConfigCheck check = new ConfigCheck(io.ferry.engine.interpreter.ExpressionCheck::failures);

  @Test
  @DisplayName("the seed page's own example config validates as is")
  void seedExampleValidates() throws Exception {
    JsonObject seed = new JsonObject(Files.readString(Path.of("../integrations/example.json")));
    assertThat(check.problems(seed)).isEmpty();
  }

  @Test
  @DisplayName("every catalog file validates against config-schemas/integration.schema.json and its expressions compile")
  void catalogValidates() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../integrations"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        assertThat(check.problems(new JsonObject(Files.readString(f)))).as(f.toString()).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("a typo in a top-level key and a wrong enum are reported with their pointers")
  void faultsHavePointers() {
    JsonObject config = new JsonObject().put("paginaton", new JsonObject())
        .put("query_array_format", "pipes");
    assertThat(check.problems(config)).anySatisfy(p -> assertThat(p).startsWith("/paginaton"))
        .anySatisfy(p -> assertThat(p).startsWith("/query_array_format"));
  }
}
