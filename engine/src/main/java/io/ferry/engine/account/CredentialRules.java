package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What an integration's {@code credentials} block asks of an imported context. */
public final class CredentialRules {

  private final Map<String, JsonObject> byFormat;

  private CredentialRules(Map<String, JsonObject> byFormat) {
    this.byFormat = byFormat;
  }

  /** Reads {@code credentials} in either form: one definition with {@code format}, or a map keyed by format. */
  public static CredentialRules of(JsonObject effectiveConfig) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    if (effectiveConfig.getValue("credentials") instanceof JsonObject creds) {
      if (creds.getValue("format") instanceof String format) {
        out.put(format, creds);
      } else {
        creds.forEach(e -> {
          if (e.getValue() instanceof JsonObject c) {
            out.put(c.getString("format", e.getKey()), c);
          }
        });
      }
    }
    return new CredentialRules(out);
  }

  public Set<String> offered() {
    return byFormat.keySet();
  }

  public JsonObject credential(String format) {
    return byFormat.get(format);
  }

  /** Names of fields declared {@code type: password} in any credential: encrypted like the built-in secret keys. */
  public Set<String> passwordFields() {
    Set<String> names = new HashSet<>();
    byFormat.values().forEach(c -> fields(c).forEach(f -> {
      if (f instanceof JsonObject field && "password".equals(field.getString("type")) && field.getString("name") != null) {
        names.add(field.getString("name"));
      }
    }));
    return names;
  }

  /** Rejects a context that does not carry what {@code method} needs. */
  public void checkImport(String method, JsonObject context) {
    if (!byFormat.isEmpty() && !byFormat.containsKey(method)) {
      throw FerryFailure.invalid("/authentication_method", "this integration offers " + String.join(", ", byFormat.keySet()));
    }
    // keka_oauth and client-credentials accounts may come without a token: Ferry fetches one with their credentials
    if ("oauth2".equals(method)) {
      if (!(context.getValue("oauth") instanceof JsonObject oauth) || !(oauth.getValue("token") instanceof JsonObject token)) {
        throw FerryFailure.invalid("/context/oauth/token", "is required for " + method + ": {\"access_token\", \"refresh_token\"?, \"expires_in\"?}");
      }
      if (!(token.getValue("access_token") instanceof String s) || s.isEmpty()) {
        throw FerryFailure.invalid("/context/oauth/token/access_token", "must be a non-empty string");
      }
    }
    if (context.getValue("oauth") instanceof JsonObject oauth && oauth.getValue("token") instanceof JsonObject token) {
      checkTokenTypes(token);
    }
    if ("api_key".equals(method) && byFormat.containsKey(method)) {
      fields(byFormat.get(method)).forEach(f -> {
        if (f instanceof JsonObject field && field.getBoolean("required", false)) {
          Object v = context.getValue(field.getString("name"));
          if (v == null || (v instanceof String s && s.isEmpty())) {
            throw FerryFailure.invalid("/context/" + field.getString("name"), "is required by the integration's api_key credentials");
          }
        }
      });
    }
  }

  private static void checkTokenTypes(JsonObject token) {
    Object expiresIn = token.getValue("expires_in");
    if (expiresIn != null) {
      OAuthTokens.seconds(expiresIn);
    }
    for (String key : new String[] {"access_token", "refresh_token"}) {
      Object v = token.getValue(key);
      if (v != null && !(v instanceof String)) {
        throw FerryFailure.invalid("/context/oauth/token/" + key, "must be a string");
      }
    }
  }

  private static JsonArray fields(JsonObject credential) {
    return credential.getValue("config") instanceof JsonObject cfg && cfg.getValue("fields") instanceof JsonArray a
        ? a : new JsonArray();
  }
}
