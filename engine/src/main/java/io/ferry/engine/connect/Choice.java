package io.ferry.engine.connect;

import io.ferry.engine.account.CredentialRules;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** One installed integration the customer may connect: its install, names and effective config. */
record Choice(String installId, String name, String label, String category, String logo, JsonObject config) {
  /** Methods the hosted page can complete: the OAuth authorization code flow and field-based methods. */
  static final List<String> SUPPORTED = List.of("oauth2", "api_key", "oauth2_client_credentials", "keka_oauth");

  static Choice of(JsonObject install, JsonObject effectiveConfig) {
    JsonObject integration = install.getJsonObject("integration");
    String name = integration.getString("name");
    String label = effectiveConfig.getString("label");
    return new Choice(install.getString("id"), name, label == null || label.isBlank() ? name : label,
        integration.getString("category", effectiveConfig.getString("category")),
        effectiveConfig.getString("logo"), effectiveConfig);
  }

  /** Offered and supported methods, narrowed to {@code authFormat} when it is one of them. */
  List<String> methods(String authFormat) {
    List<String> offered = CredentialRules.of(config).offered().stream().filter(SUPPORTED::contains).toList();
    return authFormat != null && offered.contains(authFormat) ? List.of(authFormat) : offered;
  }

  JsonObject credential(String method) {
    return CredentialRules.of(config).credential(method);
  }
}
