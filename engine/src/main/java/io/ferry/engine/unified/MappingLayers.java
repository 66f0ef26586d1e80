package io.ferry.engine.unified;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the mapping of one call and merges its layers at call time: the shipped (or admin-created) base mapping, then
 * the environment's mapping, then the account's {@code unified_model_override.<model>.<resource>.<method>}. Default
 * objects ({@code query}, {@code body}, schemas) deep-merge; every other field, each JSONata expression included, is
 * replaced whole; a null removes the field.
 */
final class MappingLayers {
  private static final Set<String> DEEP = Set.of("query", "body", "query_schema", "request_body_schema", "response_schema");

  private MappingLayers() {
  }

  /** The model's resource definition, or a 404 naming what exists. */
  static JsonObject resource(Definitions d, String model, String resource, String method) {
    JsonObject m = d.modelsByName().get(model);
    if (m == null) {
      throw FerryFailure.notFound("no unified model '" + model + "'; models: " + String.join(", ", new TreeSet<>(d.modelsByName().keySet())));
    }
    JsonObject resources = m.getJsonObject("resources");
    if (!(resources.getValue(resource) instanceof JsonObject r)) {
      throw FerryFailure.notFound("unified model '" + model + "' has no resource '" + resource + "'; it has: "
          + String.join(", ", new TreeSet<>(resources.fieldNames())));
    }
    if (method != null && !r.getJsonArray("methods").contains(method)) {
      throw FerryFailure.notFound(model + "." + resource + " has no method '" + method + "'; it has: "
          + String.join(", ", r.getJsonArray("methods").stream().map(String::valueOf).toList()));
    }
    return r;
  }

  /** The merged mapping for the integration, or a 404 naming the integrations and methods that are mapped. */
  static JsonObject resolve(Definitions d, String env, String integration, String model, String resource, String method,
                            JsonObject accountOverride) {
    resource(d, model, resource, method);
    JsonObject base = d.baseMapping(model, resource, integration, method);
    JsonObject environment = d.environmentMapping(env, model, resource, integration, method);
    JsonObject account = at(accountOverride, model, resource, method);
    if (base == null && environment == null) {
      TreeSet<String> methods = d.methodsOf(env, model, resource, integration);
      throw FerryFailure.notFound(methods.isEmpty()
          ? "integration '" + integration + "' has no mapping for " + model + "." + resource + "; mapped integrations: "
              + String.join(", ", d.integrationsOf(env, model, resource))
          : "integration '" + integration + "' maps " + model + "." + resource + " for " + String.join(", ", methods)
              + ", not '" + method + "'");
    }
    JsonObject merged = base == null ? new JsonObject() : base.getJsonObject("config");
    merged = layer(merged, environment == null ? null : environment.getJsonObject("config"));
    return layer(merged, account);
  }

  static JsonObject layer(JsonObject base, JsonObject over) {
    if (over == null || over.isEmpty()) {
      return base;
    }
    JsonObject out = base.copy();
    over.forEach(e -> {
      Object v = e.getValue();
      if (v == null) {
        out.remove(e.getKey());
      } else if (DEEP.contains(e.getKey()) && v instanceof JsonObject o && out.getValue(e.getKey()) instanceof JsonObject b) {
        out.put(e.getKey(), Json.deepMerge(b, o, true));
      } else {
        out.put(e.getKey(), Json.copyValue(v));
      }
    });
    return out;
  }

  private static JsonObject at(JsonObject override, String model, String resource, String method) {
    if (override != null && override.getValue(model) instanceof JsonObject m && m.getValue(resource) instanceof JsonObject r
        && r.getValue(method) instanceof JsonObject x) {
      return x;
    }
    return null;
  }
}
