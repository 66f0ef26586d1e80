package io.ferry.engine.account;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * Splits an account context into a public part (stored as is) and the credential values (encrypted at rest,
 * masked in every response). Protected paths follow Truto's list, plus any field an integration declares as
 * {@code type: password}.
 */
public final class ContextSecrets {

  public static final String MASK = "********";
  /** Top-level context keys that always hold credentials. */
  public static final Set<String> SECRET_KEYS = Set.of("api_key", "api_token", "token", "password", "secret",
      "client_secret", "access_token", "application_key", "app_key", "app_secret", "api_secret", "auth_code",
      "webhook_secret", "webhook_password", "token_secret", "signing_secret", "refresh_token", "private_key");
  /** Keys inside {@code oauth.token} that are credentials. */
  public static final Set<String> OAUTH_TOKEN_SECRETS = Set.of("access_token", "refresh_token", "access_token_secret", "id_token");

  private ContextSecrets() {
  }

  /** The two halves of a context. */
  public record Split(JsonObject publicPart, JsonObject secretPart) {
  }

  public static Split split(JsonObject context, Set<String> extraSecretKeys) {
    JsonObject pub = context.copy();
    JsonObject sec = new JsonObject();
    for (String key : List.copyOf(pub.fieldNames())) {
      if (isSecretKey(key, extraSecretKeys) && pub.getValue(key) != null) {
        sec.put(key, pub.remove(key));
      }
    }
    JsonObject token = pub.getValue("oauth") instanceof JsonObject oauth ? tokenOf(oauth) : null;
    if (token != null) {
      JsonObject secToken = new JsonObject();
      for (String key : OAUTH_TOKEN_SECRETS) {
        if (token.getValue(key) != null) {
          secToken.put(key, token.remove(key));
        }
      }
      if (!secToken.isEmpty()) {
        sec.put("oauth", new JsonObject().put("token", secToken));
      }
    }
    return new Split(pub, sec);
  }

  /** Puts the secret half back into a copy of the public half. */
  public static JsonObject join(JsonObject publicPart, JsonObject secretPart) {
    JsonObject out = publicPart.copy();
    for (String key : secretPart.fieldNames()) {
      if ("oauth".equals(key)) {
        JsonObject oauth = out.getValue("oauth") instanceof JsonObject o ? o : new JsonObject();
        JsonObject token = oauth.getValue("token") instanceof JsonObject t ? t : new JsonObject();
        token.mergeIn(secretPart.getJsonObject("oauth").getJsonObject("token", new JsonObject()));
        oauth.put("token", token);
        out.put("oauth", oauth);
      } else {
        out.put(key, secretPart.getValue(key));
      }
    }
    return out;
  }

  /** The public half with every stored secret shown as {@link #MASK}: callers see which credentials exist, never their values. */
  public static JsonObject masked(JsonObject publicPart, JsonObject secretPart) {
    JsonObject masks = new JsonObject();
    for (String key : secretPart.fieldNames()) {
      if ("oauth".equals(key)) {
        JsonObject token = new JsonObject();
        secretPart.getJsonObject("oauth").getJsonObject("token", new JsonObject()).fieldNames().forEach(k -> token.put(k, MASK));
        masks.put("oauth", new JsonObject().put("token", token));
      } else {
        masks.put(key, MASK);
      }
    }
    return join(publicPart, masks);
  }

  public static boolean isSecretKey(String key, Set<String> extra) {
    return SECRET_KEYS.contains(key) || extra.contains(key);
  }

  private static JsonObject tokenOf(JsonObject oauth) {
    return oauth.getValue("token") instanceof JsonObject t ? t : null;
  }
}
