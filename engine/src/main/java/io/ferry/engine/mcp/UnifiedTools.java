package io.ferry.engine.mcp;

import io.ferry.engine.unified.Definitions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The unified-API tools of an account: one per unified model resource method its integration is mapped to (shipped
 * or this environment's mappings), named {@code list_all_unified_{model}_{resource}} and so on, described from the
 * model's resource description.
 */
final class UnifiedTools {
  private UnifiedTools() {
  }

  /** One unified model resource method. */
  record Spec(String model, String resource, String method, String description) {
  }

  static List<Spec> of(Definitions d, String environmentId, String integration) {
    List<Spec> out = new ArrayList<>();
    if (d == null) {
      return out;
    }
    for (String model : new TreeSet<>(d.modelsByName().keySet())) {
      JsonObject resources = d.modelsByName().get(model).getValue("resources") instanceof JsonObject r ? r : new JsonObject();
      for (String resource : new TreeSet<>(resources.fieldNames())) {
        if (!d.integrationsOf(environmentId, model, resource).contains(integration)) {
          continue;
        }
        String about = resources.getValue(resource) instanceof JsonObject r && r.getValue("description") instanceof String s
            ? s.trim() + " " : "";
        for (String method : d.methodsOf(environmentId, model, resource, integration)) {
          out.add(new Spec(model, resource, method, about + "(unified " + model + " API: " + method + " " + resource
              + " in the unified shape, through the " + integration + " mapping)"));
        }
      }
    }
    return out;
  }
}
