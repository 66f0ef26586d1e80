package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

/**
 * Where a part of a resolved method came from: the method's own entry or the integration level, each either from the
 * integration's config or from the environment's install {@code override} (which wins when both set it).
 */
final class ConfigLayers {
  private final JsonObject integration;
  private final JsonObject override;
  private final String resource;
  private final String method;

  ConfigLayers(JsonObject integration, JsonObject override, String resource, String method) {
    this.integration = integration == null ? new JsonObject() : integration;
    this.override = override == null ? new JsonObject() : override;
    this.resource = resource;
    this.method = method;
  }

  /** E.g. {@code "environment_integration.override: resources.users.list.headers.Accept"}; {@code "default"} when unset. */
  String sourceOf(String... key) {
    String[] methodPath = new String[key.length + 3];
    methodPath[0] = "resources";
    methodPath[1] = resource;
    methodPath[2] = method;
    System.arraycopy(key, 0, methodPath, 3, key.length);
    if (has(override, methodPath)) {
      return "environment_integration.override: " + String.join(".", methodPath);
    }
    if (has(integration, methodPath)) {
      return "integration.config: " + String.join(".", methodPath);
    }
    if (has(override, key)) {
      return "environment_integration.override: " + String.join(".", key);
    }
    if (has(integration, key)) {
      return "integration.config: " + String.join(".", key);
    }
    return "default";
  }

  private static boolean has(JsonObject root, String[] path) {
    Object at = root;
    for (String segment : path) {
      if (!(at instanceof JsonObject o) || !o.containsKey(segment)) {
        return false;
      }
      at = o.getValue(segment);
    }
    return true;
  }
}
