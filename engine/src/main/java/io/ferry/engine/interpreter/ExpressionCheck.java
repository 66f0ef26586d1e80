package io.ferry.engine.interpreter;

import io.ferry.engine.interpreter.pagination.Paginations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Compiles every JSONata expression in a config so a syntax error is reported when the config is loaded or saved,
 * with its JSON pointer, instead of at the first call.
 */
public final class ExpressionCheck {
  private ExpressionCheck() {
  }

  public static JsonArray failures(JsonObject config) {
    JsonArray out = new JsonArray();
    level(config, "", out);
    if (config.getValue("resources") instanceof JsonObject resources) {
      resources.forEach(r -> {
        if (r.getValue() instanceof JsonObject methods) {
          methods.forEach(m -> {
            if (m.getValue() instanceof JsonObject method) {
              level(method, "/resources/" + escape(r.getKey()) + "/" + escape(m.getKey()), out);
            }
          });
        }
      });
    }
    if (config.getValue("webhook") instanceof JsonObject webhook) {
      for (String key : new String[] {"handle_verification", "payload_transform", "context_lookup_field_value"}) {
        check(webhook.getValue(key), "/webhook/" + key, out);
      }
    }
    if (config.getValue("actions") instanceof JsonObject actions) {
      actions.forEach(a -> {
        if (a.getValue() instanceof JsonObject action) {
          String base = "/actions/" + escape(a.getKey());
          if (action.getValue("steps") instanceof JsonArray steps) {
            for (int i = 0; i < steps.size(); i++) {
              if (steps.getValue(i) instanceof JsonObject step) {
                step(step, base + "/steps/" + i, out);
              }
            }
          } else {
            step(action, base, out);
          }
        }
      });
    }
    return out;
  }

  private static void level(JsonObject o, String base, JsonArray out) {
    check(ErrorRules.compilable(o.getString("error_expression")), base + "/error_expression", out);
    if (o.getValue("rate_limit") instanceof JsonObject rl) {
      for (String key : RateLimitRules.EXPRESSION_KEYS) {
        if (rl.getValue(key) instanceof String expr && !RateLimitRules.isHeaderName(expr)) {
          check(expr, base + "/rate_limit/" + key, out);
        }
      }
    }
    if (o.getValue("pagination") instanceof JsonObject p && p.getValue("config") instanceof JsonObject pc) {
      Paginations.DYNAMIC_EXPRESSIONS.forEach(k -> check(pc.getValue(k), base + "/pagination/config/" + k, out));
    }
    if (o.getValue("authorization") instanceof JsonObject a && a.getValue("config") instanceof JsonObject ac) {
      check(ac.getValue("expression"), base + "/authorization/config/expression", out);
    }
  }

  private static void step(JsonObject step, String base, JsonArray out) {
    check(step.getValue("expression"), base + "/expression", out);
    if (step.getValue("config") instanceof JsonObject c) {
      check(c.getValue("expression"), base + "/config/expression", out);
    }
  }

  private static void check(Object expression, String pointer, JsonArray out) {
    if (expression instanceof String s && !s.isBlank()) {
      String error = Jsonata.syntaxError(s);
      if (error != null) {
        out.add(new JsonObject().put("pointer", pointer).put("reason", "JSONata does not parse: " + error));
      }
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
