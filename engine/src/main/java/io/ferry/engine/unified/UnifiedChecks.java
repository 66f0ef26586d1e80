package io.ferry.engine.unified;

import io.ferry.engine.cache.Caches;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.json.SchemaCheck;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Checks unified models and mappings when they are loaded or saved: the JSON Schema first, then every JSONata
 * expression of a mapping compiled, so a broken one is reported with its JSON pointer instead of at the first call.
 */
public final class UnifiedChecks {
  /** The mapping fields holding JSONata (each replaced whole when layers merge). */
  static final List<String> EXPRESSIONS = List.of("query_mapping", "request_body_mapping", "response_mapping", "error_mapping");
  private static final SchemaCheck MODEL = SchemaCheck.load("unified-model.schema.json");
  private static final SchemaCheck MAPPING = SchemaCheck.load("unified-mapping.schema.json");
  /**
   * Parse results per expression text, for the life of the process: jsonata4java parses a large mapping in tens of
   * milliseconds (seconds in a cold JVM), and every start re-checks the same shipped mappings.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<String, java.util.Optional<String>> CHECKED =
      io.ferry.engine.cache.Caches.builder().maximumSize(10_000).build();

  private UnifiedChecks() {
  }

  public static JsonArray modelFailures(JsonObject model) {
    return MODEL.failures(model);
  }

  /** Failures of one mapping config as {@code [{pointer, reason}]}, pointers under {@code base}. */
  public static JsonArray mappingFailures(JsonObject config, String base) {
    JsonArray out = new JsonArray();
    MAPPING.failures(config).forEach(f -> out.add(prefixed((JsonObject) f, base)));
    if (!out.isEmpty()) {
      return out;
    }
    for (String key : new String[] {"resource", "method"}) {
      if (config.getValue(key) instanceof JsonObject target) {
        compile(target.getString("expression"), base + "/" + key + "/expression", out);
      }
    }
    EXPRESSIONS.forEach(k -> compile(config.getString(k), base + "/" + k, out));
    for (String phase : new String[] {"before", "after"}) {
      JsonArray steps = config.getJsonArray(phase, new JsonArray());
      for (int i = 0; i < steps.size(); i++) {
        JsonObject step = steps.getJsonObject(i);
        for (String k : new String[] {"run_if", "query_mapping", "request_body_mapping"}) {
          compile(step.getString(k), base + "/" + phase + "/" + i + "/" + k, out);
        }
      }
    }
    return out;
  }

  /** An account's {@code unified_model_override}: {@code <model>.<resource>.<method>} → a partial mapping. */
  public static JsonArray overrideFailures(JsonObject override, String base) {
    JsonArray out = new JsonArray();
    override.forEach(m -> {
      String mp = base + "/" + escape(m.getKey());
      if (!(m.getValue() instanceof JsonObject resources)) {
        out.add(failure(mp, "must be an object of resources"));
        return;
      }
      resources.forEach(r -> {
        String rp = mp + "/" + escape(r.getKey());
        if (!(r.getValue() instanceof JsonObject methods)) {
          out.add(failure(rp, "must be an object of methods"));
          return;
        }
        methods.forEach(x -> {
          String xp = rp + "/" + escape(x.getKey());
          if (x.getValue() instanceof JsonObject config) {
            // a null removes that field of the mapping below (MappingLayers): check the rest
            JsonObject present = config.copy();
            present.getMap().values().removeIf(java.util.Objects::isNull);
            out.addAll(mappingFailures(present, xp));
          } else {
            out.add(failure(xp, "must be a mapping object"));
          }
        });
      });
    });
    return out;
  }

  static void require(JsonArray failures) {
    if (!failures.isEmpty()) {
      throw FerryFailure.invalid(failures);
    }
  }

  private static void compile(String expression, String pointer, JsonArray out) {
    if (expression != null && !expression.isBlank()) {
      String error = CHECKED.get(expression, e -> java.util.Optional.ofNullable(Jsonata.syntaxError(e))).orElse(null);
      if (error != null) {
        out.add(failure(pointer, "JSONata does not parse: " + error));
      }
    }
  }

  static JsonObject failure(String pointer, String reason) {
    return new JsonObject().put("pointer", pointer).put("reason", reason);
  }

  private static JsonObject prefixed(JsonObject f, String base) {
    return f.copy().put("pointer", base + f.getString("pointer"));
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
