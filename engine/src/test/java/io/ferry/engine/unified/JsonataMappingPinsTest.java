package io.ferry.engine.unified;

import io.ferry.engine.interpreter.Jsonata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where jsonata4java answers a mapping differently from JSONata (jsonata-js, Truto's engine): each case pinned with
 * the answer JSONata gives in a comment, and the form the shipped mappings use instead. When the engine behind the
 * facade changes, a failing pin here means the workaround may go.
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
  void aConditionThatIsAnArrayOrObjectAnswersItselfInsteadOfTheBranch() {
    // JSONata: [{"value": "a@x"}] and {"id": "7"}
    assertThat(eval("list ? [list.{\"value\": e}] : null")).isEqualTo(new JsonArray().add(new JsonObject().put("e", "a@x")));
    assertThat(eval("obj ? {\"id\": $string(obj.id)} : null")).isEqualTo(new JsonObject().put("id", 7));
    // shipped form: a boolean condition
    assertThat(eval("$exists(list) ? [list.{\"value\": e}] : null")).isEqualTo(new JsonArray().add(new JsonObject().put("value", "a@x")));
    assertThat(eval("$boolean(obj) ? {\"id\": $string(obj.id)} : null")).isEqualTo(new JsonObject().put("id", "7"));
  }

  @Test
  void aStringValuedPredicateIsTakenAsAnIndex() {
    // JSONata: ["a", "b"] (a predicate that is not a number filters by truthiness)
    assertThatThrownBy(() -> eval("words[$]")).hasMessageContaining("non-numeric value used as array index");
    // shipped form: an explicit comparison
    assertThat(eval("[words[$ != null]]")).isEqualTo(new JsonArray().add("a").add("b"));
  }

  @Test
  void aConditionalWithoutElseAnswersNullInsteadOfNothing() {
    // JSONata: [] (a false condition without else is undefined, which an array constructor drops)
    assertThat(eval("[obj.missing ? 1]")).isEqualTo(new JsonArray());
    assertThat(eval("[null ? 1]")).isEqualTo(new JsonArray().addNull());
    // shipped form: explicit null, then filtered
    assertThat(eval("[[null ? 1 : null][$ != null]]")).isEqualTo(new JsonArray());
  }

  @Test
  void lookupOfAMissingKeyFailsInsteadOfAnsweringNothing() {
    // JSONata: {} ($lookup(obj, undefined) is undefined and the key is left out)
    assertThatThrownBy(() -> eval("{\"p\": $lookup({\"a\": 1}, obj.missing)}")).hasMessageContaining("$lookup");
    // shipped form: guard with $exists, or build the object with $merge of optional parts
    assertThat(eval("$merge([$exists(obj.missing) ? {\"p\": $lookup({\"a\": 1}, obj.missing)} : {}])")).isEqualTo(new JsonObject());
  }
}
