package io.ferry.engine.integration;

import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.crypto.SecretBox;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Secrets inside integration configs and install overrides: sealed at rest (with the accounts' {@link SecretBox}),
 * opened only for the engine, and shown as {@code "********"} in every response. A secret is: an OAuth client secret
 * ({@code ...client.secret}), every {@code environment_variables} value, and any value under a credential-named key
 * ({@link ContextSecrets#SECRET_KEYS}: webhook {@code secret}s, {@code password}, {@code token}, ...). Values that are
 * placeholders ({@code {{...}}}) are references to the account context, not secrets, and stay readable.
 */
public final class ConfigSecrets {
  /** Marks a sealed value in stored JSON: {@code ferry-sealed:v1:<keyId>:<base64>} of the value's JSON text. */
  public static final String SEALED = "ferry-sealed:";
  public static final String MASK = ContextSecrets.MASK;
  private static final Set<String> EXTRA_KEYS = Set.of("client_secret", "secret_key", "private_key", "hmac_secret");

  private final SecretBox box;

  public ConfigSecrets(SecretBox box) {
    this.box = box;
  }

  /** A copy with every plaintext secret sealed (sealed ones kept, re-sealed with the newest key). */
  public JsonObject seal(JsonObject config) {
    return (JsonObject) walk(config, new ArrayList<>(), (path, v) -> v instanceof String s && s.startsWith(SEALED)
        ? SEALED + box.reseal(s.substring(SEALED.length())) : SEALED + box.encrypt(Json.encode(v)));
  }

  /** A copy with every sealed value opened: for building requests and verifying webhooks, never for responses. */
  public JsonObject open(JsonObject stored) {
    return (JsonObject) walk(stored, new ArrayList<>(), (path, v) -> v instanceof String s && s.startsWith(SEALED)
        ? Json.decodeValue(box.decrypt(s.substring(SEALED.length()))) : v);
  }

  /** A copy with every secret (sealed or not) shown as {@link #MASK}. */
  public static JsonObject masked(JsonObject config) {
    return (JsonObject) walk(config, new ArrayList<>(), (path, v) -> MASK);
  }

  /**
   * For a PATCH: {@code incoming} with every {@link #MASK} replaced by the stored value at the same place (so sending
   * back what was read keeps the secret), or dropped when nothing is stored there.
   */
  public static JsonObject keepMasked(JsonObject incoming, JsonObject stored) {
    JsonObject out = new JsonObject();
    for (String key : incoming.fieldNames()) {
      Object v = incoming.getValue(key);
      Object old = stored == null ? null : stored.getValue(key);
      if (MASK.equals(v)) {
        if (old != null) {
          out.put(key, old);
        }
      } else if (v instanceof JsonObject o) {
        out.put(key, keepMasked(o, old instanceof JsonObject so ? so : null));
      } else {
        out.put(key, v);
      }
    }
    return out;
  }

  /** For a deep-merge PATCH: drops every {@link #MASK} so the stored value under it stays as it is. */
  public static JsonObject withoutMasks(JsonObject patch) {
    return keepMasked(patch, null);
  }

  static boolean isSecretPath(List<String> path) {
    if (path.isEmpty()) {
      return false;
    }
    if (path.size() >= 2 && "environment_variables".equals(path.get(0))) {
      return true;
    }
    String key = path.get(path.size() - 1);
    if ("secret".equals(key) && path.size() >= 2 && "client".equals(path.get(path.size() - 2))) {
      return true;
    }
    return ContextSecrets.SECRET_KEYS.contains(key) || EXTRA_KEYS.contains(key);
  }

  private static Object walk(Object node, List<String> path, BiFunction<List<String>, Object, Object> atSecret) {
    if (node instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      for (String key : o.fieldNames()) {
        path.add(key);
        out.put(key, walk(o.getValue(key), path, atSecret));
        path.remove(path.size() - 1);
      }
      return out;
    }
    if (node instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      // elements of a secret key's list (rotated webhook secrets) are secrets too: judged by the key
      a.forEach(v -> out.add(walk(v, path, atSecret)));
      return out;
    }
    boolean scalar = node instanceof String || node instanceof Number || node instanceof Boolean;
    if (!scalar || !isSecretPath(path)) {
      return node;
    }
    if (node instanceof String s && !s.startsWith(SEALED) && (s.contains("{{") || s.isEmpty() || MASK.equals(s))) {
      return node; // a placeholder is a reference, not a secret
    }
    return atSecret.apply(path, node);
  }
}
