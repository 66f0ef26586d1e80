package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/** Truto's context update rules: shallow merge, {@code oauth} merged one level deeper, credentials kept unless replaced. */
public final class ContextPatch {

  /** Keys {@code PATCH /integrated-account/{id}/credentials} accepts. */
  public static final Set<String> CREDENTIAL_KEYS = Set.of("oauth", "api_key", "api_token", "token", "password",
      "client_secret", "application_key", "app_key", "app_secret", "access_token", "api_secret", "auth_code",
      "webhook_secret", "webhook_password", "token_secret", "signing_secret", "username", "client_id");

  private ContextPatch() {
  }

  /**
   * Truto's object-store wrapper {@code {"truto_obj_store": true, "data": X}} becomes {@code X}: Ferry stores every
   * context value itself, so a config written for Truto reads the value where it expects it.
   */
  public static JsonObject unwrapObjectStore(JsonObject context) {
    for (String key : java.util.List.copyOf(context.fieldNames())) {
      if (context.getValue(key) instanceof JsonObject o && Boolean.TRUE.equals(o.getValue("truto_obj_store"))
          && o.containsKey("data")) {
        context.put(key, o.getValue("data"));
      }
    }
    return context;
  }

  public static Account shallow(Account account, JsonObject patch) {
    patch = unwrapObjectStore(patch.copy());
    JsonObject merged = account.context();
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (ContextSecrets.MASK.equals(value)) {
        continue; // a masked value read back from Ferry: keep the stored secret
      }
      if ("oauth".equals(key) && value instanceof JsonObject incoming && merged.getValue("oauth") instanceof JsonObject existing) {
        merged.put("oauth", mergeOauth(existing, incoming));
      } else {
        merged.put(key, value);
      }
    }
    if (patch.getValue("oauth") instanceof JsonObject) {
      OAuthTokens.stampExpiry(merged, System.currentTimeMillis());
    }
    Set<String> extra = CredentialRules.of(account.effectiveConfig()).passwordFields();
    ContextSecrets.Split split = ContextSecrets.split(merged, extra);
    return account.withContext(split.publicPart(), split.secretPart());
  }

  public static Account credentials(Account account, JsonObject patch) {
    for (String key : patch.fieldNames()) {
      if (!CREDENTIAL_KEYS.contains(key)) {
        throw FerryFailure.invalid("/" + key, "is not a credential field; use PATCH /integrated-account/{id} for context");
      }
    }
    if (patch.getValue("oauth") != null && !(patch.getValue("oauth") instanceof JsonObject)) {
      throw FerryFailure.invalid("/oauth", "must be an object such as {\"token\": {\"access_token\": ...}}");
    }
    return shallow(account, patch);
  }

  private static JsonObject mergeOauth(JsonObject existing, JsonObject incoming) {
    JsonObject out = existing.copy();
    incoming.forEach(e -> {
      if ("token".equals(e.getKey()) && e.getValue() instanceof JsonObject token && out.getValue("token") instanceof JsonObject old) {
        JsonObject merged = old.copy();
        token.forEach(t -> {
          if (!ContextSecrets.MASK.equals(t.getValue())) {
            merged.put(t.getKey(), t.getValue());
          }
        });
        if (token.containsKey("expires_in") && !token.containsKey("expires_at")) {
          merged.remove("expires_at");
        }
        out.put("token", merged);
      } else {
        out.put(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
