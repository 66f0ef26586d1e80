package io.ferry.engine.integration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * What a token refresh needs from an OAuth credentials config, checked when the integration is saved: a
 * {@code config.auth.tokenHost} (without it no token can ever be refreshed, and the failure would otherwise surface
 * only at the first expiry, as an unavailable token endpoint).
 */
final class CredentialConfigCheck {
  static final Set<String> TOKEN_FORMATS = Set.of("oauth2", "oauth2_client_credentials", "keka_oauth");

  private CredentialConfigCheck() {
  }

  static JsonArray failures(JsonObject config) {
    JsonArray out = new JsonArray();
    if (!(config.getValue("credentials") instanceof JsonObject credentials)) {
      return out;
    }
    credentials.forEach(e -> {
      if (!(e.getValue() instanceof JsonObject credential)) {
        return;
      }
      String format = credential.getString("format", e.getKey());
      if (!TOKEN_FORMATS.contains(format)) {
        return;
      }
      JsonObject c = credential.getValue("config") instanceof JsonObject o ? o : new JsonObject();
      JsonObject auth = c.getValue("auth") instanceof JsonObject o ? o : new JsonObject();
      if (!(auth.getValue("tokenHost") instanceof String host) || host.isBlank()) {
        out.add(new JsonObject().put("pointer", "/credentials/" + e.getKey() + "/config/auth/tokenHost")
            .put("reason", "is required for " + format + " credentials (the token endpoint's base URL)"));
      }
    });
    return out;
  }
}
