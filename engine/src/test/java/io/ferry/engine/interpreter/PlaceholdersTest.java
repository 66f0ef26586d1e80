package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every placeholder rule, one row each in resources/interpreter/placeholders.json. */
class PlaceholdersTest {

  @TestFactory
  Stream<DynamicTest> placeholderRules() throws Exception {
    JsonArray rows = new JsonArray(Files.readString(Path.of("src/test/resources/interpreter/placeholders.json")));
    return rows.stream().map(r -> (JsonObject) r).map(row -> DynamicTest.dynamicTest(row.getString("rule"), () -> {
      Object out = Placeholders.render(row.getValue("template"), row.getJsonObject("data"));
      // compared as JSON, so 42 and 42L are equal
      assertThat(new JsonArray().add(out)).isEqualTo(new JsonArray().add(row.getValue("expect")));
    }));
  }

  @Test
  @DisplayName("an unknown cast is a config error")
  void unknownCast() {
    assertThatThrownBy(() -> Placeholders.render("{{a:date}}", new JsonObject().put("a", 1)))
        .isInstanceOf(ConfigError.class).hasMessageContaining(":date");
  }
}
