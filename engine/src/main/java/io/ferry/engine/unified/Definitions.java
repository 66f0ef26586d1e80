package io.ferry.engine.unified;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeSet;

/**
 * An immutable snapshot of every unified model, base mapping and environment mapping (small: read whole, replaced
 * whole after each admin write). Rows are in their API shape; treat them as read-only.
 */
public record Definitions(Map<String, JsonObject> modelsByName, Map<String, JsonObject> modelsById,
                          Map<String, JsonObject> base, Map<String, JsonObject> environment) {

  public static final Definitions EMPTY = new Definitions(Map.of(), Map.of(), Map.of(), Map.of());

  static String key(String model, String resource, String integration, String method) {
    return model + "|" + resource + "|" + integration + "|" + method;
  }

  public JsonObject baseMapping(String model, String resource, String integration, String method) {
    return base.get(key(model, resource, integration, method));
  }

  public JsonObject environmentMapping(String env, String model, String resource, String integration, String method) {
    return environment.get(env + "|" + key(model, resource, integration, method));
  }

  /** Integrations with any mapping (shipped or this environment's) for the model's resource. */
  public TreeSet<String> integrationsOf(String env, String model, String resource) {
    TreeSet<String> out = new TreeSet<>();
    String prefix = model + "|" + resource + "|";
    base.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.add(k.split("\\|")[2]));
    environment.keySet().stream().filter(k -> k.startsWith(env + "|" + prefix)).forEach(k -> out.add(k.split("\\|")[3]));
    return out;
  }

  /** Methods mapped for one integration. */
  public TreeSet<String> methodsOf(String env, String model, String resource, String integration) {
    TreeSet<String> out = new TreeSet<>();
    String prefix = key(model, resource, integration, "");
    base.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.add(k.substring(prefix.length())));
    environment.keySet().stream().filter(k -> k.startsWith(env + "|" + prefix))
        .forEach(k -> out.add(k.substring(env.length() + 1 + prefix.length())));
    return out;
  }
}
