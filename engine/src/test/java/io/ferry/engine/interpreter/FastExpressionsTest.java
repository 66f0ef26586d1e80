package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each natively evaluated shape answers exactly what jsonata4java answers, on a spread of responses. */
class FastExpressionsTest {

  static final List<String> SHAPES = List.of(
      "status = 429", "status_code = 429", "status != 200", "status >= 400", "status <= 299", "status > 499", "status < 300",
      "$number(headers.`x-ratelimit-remaining`)", "$number(headers.`retry-after`)", "headers.`x-ratelimit-reset`",
      "status >= 400 ? data.error : null", "status >= 400 ? body.error.message : null", "status = 200 ? response.ok : null");

  static final List<UpstreamResponse> RESPONSES = List.of(
      UpstreamResponse.of(200, new JsonObject().put("x-ratelimit-remaining", "42").put("x-ratelimit-reset", "1700000000"),
          Buffer.buffer("{\"ok\":true,\"data\":[1,2]}")),
      UpstreamResponse.of(429, new JsonObject().put("retry-after", "1.5"), Buffer.buffer("{\"error\":\"slow down\"}")),
      UpstreamResponse.of(403, new JsonObject(), Buffer.buffer("{\"error\":{\"message\":\"forbidden\",\"code\":7}}")),
      UpstreamResponse.of(500, new JsonObject().put("x-ratelimit-remaining", "0"), Buffer.buffer("oops")),
      UpstreamResponse.of(204, new JsonObject(), Buffer.buffer()));

  final Jsonata jsonata = Jsonata.defaults();

  @TestFactory
  Stream<DynamicTest> sameAnswersAsJsonata() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String shape : SHAPES) {
      assertThat(FastExpressions.compile(shape)).as(shape).isNotNull();
      for (int i = 0; i < RESPONSES.size(); i++) {
        UpstreamResponse r = RESPONSES.get(i);
        tests.add(DynamicTest.dynamicTest(shape + " on response " + i, () -> {
          Object expected = jsonata.evaluateNode(shape, new ResponseScope(r).node(), "t");
          Object actual = FastExpressions.compile(shape).apply(r);
          assertThat(new JsonArray().add(actual)).isEqualTo(new JsonArray().add(expected));
        }));
      }
    }
    return tests.stream();
  }

  @Test
  @DisplayName("a non-numeric header fails in both; other shapes are left to JSONata")
  void errorsAndFallback() {
    UpstreamResponse r = UpstreamResponse.of(200, new JsonObject().put("retry-after", "soon"), Buffer.buffer("{}"));
    assertThatThrownBy(() -> jsonata.evaluateNode("$number(headers.`retry-after`)", new ResponseScope(r).node(), "t"))
        .isInstanceOf(ConfigError.class);
    assertThatThrownBy(() -> FastExpressions.compile("$number(headers.`retry-after`)").apply(r)).isInstanceOf(ConfigError.class);
    assertThat(FastExpressions.compile("status = 429 or headers.`x` = '0'")).isNull();
    assertThat(FastExpressions.compile("$exists(body.errors)")).isNull();
  }
}
