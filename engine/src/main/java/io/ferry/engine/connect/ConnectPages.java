package io.ferry.engine.connect;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * The hosted pages: plain HTML with one inline style and one inline script, both carrying the response's nonce; no
 * external asset. The script only talks to {@code window.opener} (Truto's Link SDK popup protocol) and marks forms
 * as opened in a popup; everything else works without it.
 */
final class ConnectPages {
  private ConnectPages() {
  }

  /** Navigation state carried from page to page (the SDK's query parameters). */
  record Nav(String linkToken, String integrations, boolean noBack, String authFormat) {
    String query(String integration) {
      StringBuilder q = new StringBuilder("/connect-account?link_token=").append(Html.url(linkToken));
      if (integration != null) {
        q.append("&integration=").append(Html.url(integration));
      }
      if (integrations != null) {
        q.append("&integrations=").append(Html.url(integrations));
      }
      if (authFormat != null) {
        q.append("&auth_format=").append(Html.url(authFormat));
      }
      return q.toString();
    }
  }

  private static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}"
      + "main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 3px #0002}"
      + "h1{font-size:1.4rem;margin-top:0}ul.apps{list-style:none;padding:0}ul.apps li{margin:.5rem 0}"
      + "ul.apps a{display:flex;align-items:center;gap:.75rem;padding:.75rem;border:1px solid #ccd;border-radius:6px;color:inherit;text-decoration:none}"
      + "ul.apps a:hover,ul.apps a:focus{border-color:#2456d6;outline:2px solid #2456d6}.logo{width:2rem;height:2rem;border-radius:4px;"
      + "background:#2456d6;color:#fff;display:inline-flex;align-items:center;justify-content:center;font-weight:700}"
      + ".cat{margin-left:auto;color:#556;font-size:.85rem}.field{margin:1rem 0}label{display:block;font-weight:600}"
      + "input,select{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #889;border-radius:4px}"
      + ".invalid input,.invalid select{border:2px solid #b00020}.error{color:#b00020;margin:.25rem 0}.help{color:#445;margin:.25rem 0}"
      + ".req,.opt{font-weight:400;color:#556}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#2456d6;color:#fff;cursor:pointer}"
      + ".summary{border:2px solid #b00020;padding:.5rem 1rem;border-radius:6px;margin-bottom:1rem}section+section{border-top:1px solid #dde;margin-top:1.5rem}";

  private static final String SCRIPT = "(function(){var o=window.opener;var d=document.getElementById('ferry-result');"
      + "if(o&&d){o.postMessage(JSON.parse(d.textContent),'*');}"
      + "if(o){var p=document.querySelectorAll('input[name=popup]');for(var i=0;i<p.length;i++){p[i].value='1';}}})();";

  static ConnectReply.Page layout(String title, String body, JsonObject message, String formAction) {
    String nonce = Html.nonce();
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>" + Html.esc(title) + "</title><style nonce=\"" + nonce + "\">" + STYLE + "</style></head><body><main>"
        + body + "</main>"
        + (message == null ? "" : "<script type=\"application/json\" id=\"ferry-result\">" + Html.scriptJson(message.encode()) + "</script>")
        + "<script nonce=\"" + nonce + "\">" + SCRIPT + "</script></body></html>";
    return new ConnectReply.Page(html, nonce, formAction);
  }

  static ConnectReply.Page picker(Nav nav, List<Choice> choices) {
    StringBuilder b = new StringBuilder("<h1>Connect an app</h1>");
    if (choices.isEmpty()) {
      b.append("<p>No apps are available to connect with this link. Ask the application that sent you here for a new link.</p>");
    } else {
      b.append("<p id=\"choose\">Choose the app you want to connect.</p><ul class=\"apps\" aria-labelledby=\"choose\">");
      for (Choice c : choices) {
        b.append("<li><a href=\"").append(Html.esc(nav.query(c.name()))).append("\">").append(logo(c))
            .append("<span class=\"name\">").append(Html.esc(c.label())).append("</span>");
        if (c.category() != null) {
          b.append("<span class=\"cat\">").append(Html.esc(c.category().replace('_', ' '))).append("</span>");
        }
        b.append("</a></li>");
      }
      b.append("</ul>");
    }
    return layout("Connect an app", b.toString(), null, null);
  }

  /** The integration's methods: a button to the provider for OAuth, a form for field-based methods. */
  static ConnectReply.Page integration(Nav nav, Choice c, Map<String, String> params, Map<String, String> errors,
                                       String errorsFor, String formAction) {
    StringBuilder b = new StringBuilder("<h1>Connect ").append(Html.esc(c.label())).append("</h1>");
    if (!nav.noBack()) {
      b.append("<p><a href=\"").append(Html.esc(nav.query(null))).append("\">← Choose another app</a></p>");
    }
    List<String> methods = c.methods(nav.authFormat());
    if (methods.isEmpty()) {
      b.append("<p>This app cannot be connected from this page.</p>");
    }
    if (!errors.isEmpty()) {
      b.append("<div class=\"summary\" role=\"alert\" tabindex=\"-1\"><h2>Please check the form</h2><ul>");
      errors.forEach((name, msg) -> b.append("<li><a href=\"#f-").append(Html.esc(name.replaceAll("[^A-Za-z0-9_-]", "_")))
          .append("\">").append(Html.esc(msg)).append("</a></li>"));
      b.append("</ul></div>");
    }
    for (String method : methods) {
      boolean oauth = "oauth2".equals(method);
      List<JsonObject> fields = FieldForm.fields(c.credential(method));
      b.append("<section aria-labelledby=\"m-").append(method).append("\"><h2 id=\"m-").append(method).append("\">")
          .append(oauth ? "Sign in with " + Html.esc(c.label()) : Html.esc(methodTitle(method))).append("</h2>");
      String doc = c.credential(method).getValue("config") instanceof JsonObject cfg ? cfg.getString("documentation_link") : null;
      if (doc != null && doc.startsWith("https://")) {
        b.append("<p><a href=\"").append(Html.esc(doc)).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
            .append(oauth ? "About this connection" : "Where to find these details").append(" (opens in a new tab)</a></p>");
      }
      b.append("<form method=\"post\" novalidate action=\"/connect-account/").append(Html.esc(Html.url(c.name())))
          .append(oauth ? "/oauth" : "/fields").append("\">")
          .append(hidden("link_token", nav.linkToken())).append(hidden("auth_format", method)).append(hidden("popup", params.getOrDefault("popup", "")))
          .append(hidden("integrations", nav.integrations())).append(hidden("no_back", nav.noBack() ? "true" : null))
          .append(FieldForm.render(fields, method.equals(errorsFor) ? params : Map.of(), method.equals(errorsFor) ? errors : Map.of()))
          .append("<button type=\"submit\">").append(oauth ? "Continue to " + Html.esc(c.label()) : "Connect").append("</button></form></section>");
    }
    return layout("Connect " + c.label(), b.toString(), null, formAction);
  }

  /** A final page; {@code message} is what a popup posts to its opener (the SDK's result or error). */
  static ConnectReply.Page result(String title, String text, JsonObject message, String returnLink) {
    StringBuilder b = new StringBuilder("<h1>").append(Html.esc(title)).append("</h1><p role=\"status\">")
        .append(Html.esc(text)).append("</p>");
    if (returnLink != null) {
      b.append("<p><a href=\"").append(Html.esc(returnLink)).append("\">Return to the application</a></p>");
    } else {
      b.append("<p>You can close this window.</p>");
    }
    return layout(title, b.toString(), message, null);
  }

  private static String hidden(String name, String value) {
    return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.esc(value) + "\">";
  }

  private static String logo(Choice c) {
    if (c.logo() != null && c.logo().startsWith("data:image/") && c.logo().length() < 100_000) {
      return "<img class=\"logo\" alt=\"\" src=\"" + Html.esc(c.logo()) + "\">";
    }
    // remote logos would be an external asset: show the initial instead
    return "<span class=\"logo\" aria-hidden=\"true\">" + Html.esc(c.label().substring(0, 1).toUpperCase()) + "</span>";
  }

  private static String methodTitle(String method) {
    return switch (method) {
      case "api_key" -> "Use an API key";
      case "oauth2_client_credentials" -> "Use client credentials";
      default -> "Enter your credentials";
    };
  }
}
