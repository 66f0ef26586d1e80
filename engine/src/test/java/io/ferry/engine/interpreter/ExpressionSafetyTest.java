package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionSafetyTest {

  final Jsonata jsonata = new Jsonata(100, 50);

  @Test
  @DisplayName("an expression that recurses forever fails that call with a config error")
  void runawayRecursionFails() {
    assertThatThrownBy(() -> jsonata.evaluate("( $f := function($x){ $f($x + 1) }; $f(1) )", new JsonObject(), "/error_expression"))
        .isInstanceOf(ConfigError.class).hasMessageContaining("/error_expression");
  }

  @Test
  @DisplayName("an expression that loops over a huge range is cut off by the time box")
  void hugeLoopIsTimeBoxed() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> jsonata.evaluate("$count([1..1000000].([1..1000].($ * 2)))", new JsonObject(), "/rate_limit/is_rate_limited"))
        .isInstanceOf(ConfigError.class).hasMessageContaining("/rate_limit/is_rate_limited").hasMessageContaining("timeout");
    assertThat((System.nanoTime() - start) / 1_000_000).as("returned promptly, ms").isLessThan(5_000);
  }

  @Test
  @DisplayName("error_expression: a single placeholder reads that path; a string result becomes the message")
  void errorDecisions() {
    ErrorRules rules = new ErrorRules(jsonata);
    UpstreamResponse slack = UpstreamResponse.of(200, new JsonObject(), Buffer.buffer("{\"ok\":false,\"error\":\"channel_not_found\"}"));
    assertThat(rules.error("{{response.error}}", slack)).isEqualTo("channel_not_found");
    assertThat(rules.error("data.ok = false ? data.error : null", slack)).isEqualTo("channel_not_found");
    assertThat(rules.error("status >= 400", slack)).isNull();
    UpstreamResponse fine = UpstreamResponse.of(200, new JsonObject(), Buffer.buffer("{\"ok\":true}"));
    assertThat(rules.error("{{response.error}}", fine)).isNull();
  }

  @Test
  @DisplayName("Truto's custom functions are registered")
  void customFunctions() {
    JsonObject in = new JsonObject().put("users", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("id", 1).put("team", "a")).add(new JsonObject().put("id", 2).put("team", "a")));
    assertThat(jsonata.evaluate("$base64encode('hi')", in, "t")).isEqualTo("aGk=");
    assertThat(jsonata.evaluate("$base64decode('aGk=')", in, "t")).isEqualTo("hi");
    assertThat(jsonata.evaluate("$digest('abc')", in, "t")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(jsonata.evaluate("$sign('Hello, World!', 'SHA-256', \"It's a Secret to Everybody\")", in, "t"))
        .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat((String) jsonata.evaluate("$uuid()", in, "t")).hasSize(36);
    assertThat(jsonata.evaluate("$jsonParse('{\"a\":1}').a", in, "t")).isEqualTo(1L);
    assertThat(jsonata.evaluate("$jsonParse('nope')", in, "t")).isNull();
    assertThat(jsonata.evaluate("$firstNonEmpty(missing, 'x')", in, "t")).isEqualTo("x");
    assertThat(jsonata.evaluate("$toNumber('12')", in, "t")).isEqualTo(12L);
    assertThat(jsonata.evaluate("$count($removeEmptyItems([0, '', 'a', {}, [], 3]))", in, "t")).isEqualTo(2L);
    assertThat(jsonata.evaluate("$parseQuery('a=1&b[c]=2').b.c", in, "t")).isEqualTo("2");
    assertThat(jsonata.evaluate("$stringifyQuery({'a': [1,2]}, {'arrayFormat': 'brackets'})", in, "t")).isEqualTo("a%5B%5D=1&a%5B%5D=2");
    assertThat(jsonata.evaluate("$mapValues('OPEN', {'open': 'active'})", in, "t")).isEqualTo("active");
    assertThat(jsonata.evaluate("$count($groupBy(users, 'team').a)", in, "t")).isEqualTo(2L);
    assertThat(jsonata.evaluate("$keyBy(users, 'id').`2`.team", in, "t")).isEqualTo("a");
    assertThat(jsonata.evaluate("$pick({'a':1,'b':2}, ['a'])", in, "t")).isEqualTo(new JsonObject().put("a", 1));
    assertThat(jsonata.evaluate("$omit({'a':1,'b':2}, ['a'])", in, "t")).isEqualTo(new JsonObject().put("b", 2));
  }

  @Test
  @DisplayName("a config with an expression that does not parse is reported with its pointer")
  void syntaxErrorsHavePointers() {
    JsonObject config = new JsonObject()
        .put("error_expression", "status = = 1")
        .put("resources", new JsonObject().put("users", new JsonObject().put("list", new JsonObject()
            .put("rate_limit", new JsonObject().put("is_rate_limited", "status ==")))));
    var failures = ExpressionCheck.failures(config);
    assertThat(failures.stream().map(f -> ((JsonObject) f).getString("pointer")))
        .containsExactlyInAnyOrder("/error_expression", "/resources/users/list/rate_limit/is_rate_limited");
    assertThat(ExpressionCheck.failures(new JsonObject().put("error_expression", "{{response.error}}"))).isEmpty();
  }
}
