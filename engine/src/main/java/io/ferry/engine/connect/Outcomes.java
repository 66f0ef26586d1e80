package io.ferry.engine.connect;

import io.ferry.engine.account.Account;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a connection attempt ends for the customer and for the user's app: without a popup and with a
 * {@code redirect_uri}, a 302 carrying {@code integrated_account_id} + {@code integration} or {@code error} +
 * {@code error_description}; otherwise a page, whose script posts Truto's Link SDK message to {@code window.opener}
 * ({@code {result: "success", integration, integrated_account_id}} or {@code {result: "error", error, error_type, ...}}).
 */
final class Outcomes {
  private Outcomes() {
  }

  static ConnectReply connected(LinkToken t, boolean popup, Choice c, Account a) {
    if (!"active".equals(a.status()) && !"connecting".equals(a.status())) {
      String type = a.status(); // post_install_error or validation_error: the account exists, tell which
      return failure(t, popup, 422, type, type, "The account was connected but its " + type.replace("_error", "").replace('_', ' ')
          + " step failed: " + a.lastError(), c.name(), a.id());
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("integrated_account_id", a.id());
    params.put("integration", c.name());
    if (t.redirectUri() != null && !popup) {
      return ConnectReply.redirect(withQuery(t.redirectUri(), params));
    }
    JsonObject message = new JsonObject().put("result", "success").put("integration", c.name())
        .put("integrated_account_id", a.id()).put("is_truto", true);
    return ConnectReply.page(200, ConnectPages.result("Connected", "Your " + c.label() + " account is connected.", message, null));
  }

  /**
   * A failed attempt the link token is known for. {@code error} is the machine code put in the redirect (the
   * provider's own code, such as {@code access_denied}, or the error type), {@code errorType} Truto's error type.
   */
  static ConnectReply failure(LinkToken t, boolean popup, int status, String errorType, String error, String description,
                              String integration, String accountId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_type", errorType);
    params.put("error_description", description);
    if (integration != null) {
      params.put("integration", integration);
    }
    if (accountId != null) {
      params.put("integrated_account_id", accountId);
    }
    if (t != null && t.redirectUri() != null && !popup) {
      return ConnectReply.redirect(withQuery(t.redirectUri(), params));
    }
    JsonObject message = new JsonObject().put("result", "error").put("error", description).put("error_type", errorType)
        .put("integration", integration).put("integrated_account_id", accountId).put("is_truto", true);
    return ConnectReply.page(status, ConnectPages.result(title(errorType), description, message, null));
  }

  /**
   * The link itself is unusable (unknown, used, expired) or the attempt cannot be trusted (bad state): a page with that
   * status; the app hears of it through the popup message, or through the return link when its redirect is known.
   */
  static ConnectReply refused(LinkToken t, int status, String errorType, String title, String description, String integration) {
    JsonObject message = new JsonObject().put("result", "error").put("error", description).put("error_type", errorType)
        .put("integration", integration).put("is_truto", true);
    String back = null;
    if (t != null && t.redirectUri() != null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("error", errorType);
      params.put("error_type", errorType);
      params.put("error_description", description);
      back = withQuery(t.redirectUri(), params);
    }
    return ConnectReply.page(status, ConnectPages.result(title, description, message, back));
  }

  static String withQuery(String uri, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(uri);
    char sep = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(Html.url(e.getKey())).append('=').append(Html.url(e.getValue() == null ? "" : e.getValue()));
      sep = '&';
    }
    return sb.toString();
  }

  private static String title(String errorType) {
    return switch (errorType) {
      case "post_install_error", "validation_error" -> "Connected, but the setup failed";
      case "invalid_integration" -> "This app is not available";
      default -> "The connection did not complete";
    };
  }
}
