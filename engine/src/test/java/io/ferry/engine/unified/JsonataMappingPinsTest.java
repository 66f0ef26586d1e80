package io.ferry.engine.unified;

import io.ferry.engine.interpreter.Jsonata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping shapes where the former engine (jsonata4java) answered differently from JSONata (jsonata-js, Truto's
 * engine), now pinned to JSONata's answer, which the facade's engine gives; and the guarded forms the shipped mappings
 * were written in, which must keep giving the same answer.
 */
class JsonataMappingPinsTest {
  // a cold JVM is slow on first evaluations: the pins are about answers, not time
  final Jsonata jsonata = new Jsonata(10_000, Jsonata.DEFAULT_MAX_DEPTH);
  final JsonObject in = new JsonObject().put("list", new JsonArray().add(new JsonObject().put("e", "a@x")))
      .put("obj", new JsonObject().put("id", 7)).put("words", new JsonArray().add("a").addNull().add("b"));

  Object eval(String expression) {
    return jsonata.evaluate(expression, in, "pin");
  }

  @Test
  void aConditionThatIsAnArrayOrObjectTakesTheBranch() {
    assertThat(eval("list ? [list.{\"value\": e}] : null")).isEqualTo(new JsonArray().add(new JsonObject().put("value", "a@x")));
    assertThat(eval("obj ? {\"id\": $string(obj.id)} : null")).isEqualTo(new JsonObject().put("id", "7"));
    // shipped form: a boolean condition
    assertThat(eval("$exists(list) ? [list.{\"value\": e}] : null")).isEqualTo(new JsonArray().add(new JsonObject().put("value", "a@x")));
    assertThat(eval("$boolean(obj) ? {\"id\": $string(obj.id)} : null")).isEqualTo(new JsonObject().put("id", "7"));
  }

  @Test
  void aStringValuedPredicateFiltersByTruthiness() {
    assertThat(eval("words[$]")).isEqualTo(new JsonArray().add("a").add("b"));
    // shipped form: an explicit comparison
    assertThat(eval("[words[$ != null]]")).isEqualTo(new JsonArray().add("a").add("b"));
  }

  @Test
  void aConditionalWithoutElseAnswersNothing() {
    assertThat(eval("[obj.missing ? 1]")).isEqualTo(new JsonArray());
    assertThat(eval("[null ? 1]")).isEqualTo(new JsonArray());
    // shipped form: explicit null, then filtered
    assertThat(eval("[[null ? 1 : null][$ != null]]")).isEqualTo(new JsonArray());
  }

  @Test
  void lookupOfAMissingKeyLeavesTheKeyOut() {
    assertThat(eval("{\"p\": $lookup({\"a\": 1}, obj.missing)}")).isEqualTo(new JsonObject());
    // shipped form: guard with $exists, or build the object with $merge of optional parts
    assertThat(eval("$merge([$exists(obj.missing) ? {\"p\": $lookup({\"a\": 1}, obj.missing)} : {}])")).isEqualTo(new JsonObject());
  }
}
