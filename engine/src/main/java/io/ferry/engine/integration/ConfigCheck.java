package io.ferry.engine.integration;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks an integration config when it is loaded or saved: the JSON Schema, then every expression compiled (a syntax
 * error is reported with its JSON pointer, not at the first call), then what token refreshes need from OAuth
 * credentials ({@link CredentialConfigCheck}).
 */
public final class ConfigCheck {

  private final SchemaCheck schema = SchemaCheck.load("integration.schema.json");
  private final Function<JsonObject, JsonArray> expressionCheck;

  /** @param expressionCheck compiles every expression in a config, answering failures as {@code [{pointer, reason}]} */
  public ConfigCheck(Function<JsonObject, JsonArray> expressionCheck) {
    this.expressionCheck = expressionCheck;
  }

  /** Failures as {@code [{pointer, reason}]}, pointers relative to the config. */
  public JsonArray failures(JsonObject config) {
    JsonArray failures = schema.failures(config);
    if (failures.isEmpty()) {
      failures = expressionCheck.apply(config);
    }
    if (failures.isEmpty()) {
      failures = CredentialConfigCheck.failures(config);
    }
    return failures;
  }

  /** Human-readable {@code pointer: reason} lines, for startup errors. */
  public List<String> problems(JsonObject config) {
    List<String> out = new ArrayList<>();
    failures(config).forEach(f -> {
      JsonObject o = (JsonObject) f;
      out.add((o.getString("pointer").isEmpty() ? "/" : o.getString("pointer")) + ": " + o.getString("reason"));
    });
    return out;
  }

  /** Throws a 400 with pointers prefixed by {@code prefix} (e.g. {@code /config}). */
  public void check(JsonObject config, String prefix) {
    JsonArray failures = failures(config);
    if (!failures.isEmpty()) {
      JsonArray prefixed = new JsonArray();
      failures.forEach(f -> prefixed.add(((JsonObject) f).copy().put("pointer", prefix + ((JsonObject) f).getString("pointer"))));
      throw FerryFailure.invalid(prefixed);
    }
  }
}
