package io.ferry.engine.connect;

import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.Placeholders;
import io.ferry.engine.interpreter.RequestBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's authorize URL from an {@code oauth2} credential (simple-oauth2 vocabulary): {@code auth.authorizeHost}
 * (default {@code tokenHost}) + {@code auth.authorizePath} (default {@code /oauth/authorize}), {@code client.id},
 * scopes (the link token's, else the config's {@code scope}) joined by {@code options.scopeSeparator}, {@code state},
 * and a PKCE S256 challenge unless {@code options.pkce} is {@code false}; {@code authorizeParams} are added as given.
 */
final class OAuthFlow {
  private OAuthFlow() {
  }

  /** Thrown when the config cannot produce an authorize URL (a setup problem of the integration, not the customer's). */
  static final class NotConfigured extends RuntimeException {
    NotConfigured(String message) {
      super(message, null, false, false);
    }
  }

  static boolean usesPkce(JsonObject credentialConfig) {
    return !(credentialConfig.getValue("options") instanceof JsonObject o && Boolean.FALSE.equals(o.getValue("pkce")));
  }

  static String authorizeUrl(JsonObject credentialConfig, JsonObject context, JsonObject environmentVariables,
                             List<String> linkScopes, String redirectUri, String state, String codeChallenge) {
    JsonObject data = RequestBuilder.data(context, environmentVariables, CallInput.empty(), new JsonObject());
    JsonObject auth = credentialConfig.getValue("auth") instanceof JsonObject a ? a : new JsonObject();
    JsonObject client = credentialConfig.getValue("client") instanceof JsonObject c ? c : new JsonObject();
    JsonObject options = credentialConfig.getValue("options") instanceof JsonObject o ? o : new JsonObject();
    String host = text(auth.getString("authorizeHost", auth.getString("tokenHost")), data);
    if (host == null) {
      throw new NotConfigured("the integration's OAuth settings name no authorize host");
    }
    String clientId = text(client.getString("id"), data);
    if (clientId == null) {
      clientId = text("{{client_id}}", data);
    }
    if (clientId == null) {
      throw new NotConfigured("the integration's OAuth app has no client id (set credentials.oauth2.config.client.id in the install's override)");
    }
    String path = text(auth.getString("authorizePath", "/oauth/authorize"), data);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    String scope = scope(credentialConfig, linkScopes, options.getString("scopeSeparator", " "));
    if (scope != null) {
      q.put("scope", scope);
    }
    q.put("state", state);
    if (codeChallenge != null) {
      q.put("code_challenge", codeChallenge);
      q.put("code_challenge_method", "S256");
    }
    if (credentialConfig.getValue("authorizeParams") instanceof JsonObject extra
        && Placeholders.render(extra, data) instanceof JsonObject rendered) {
      rendered.forEach(e -> {
        if (e.getValue() != null && !q.containsKey(e.getKey())) {
          q.put(e.getKey(), String.valueOf(e.getValue()));
        }
      });
    }
    String base = host.replaceAll("/+$", "") + (path == null || path.startsWith("/") ? "" : "/") + (path == null ? "" : path);
    checkHttp(base);
    return Outcomes.withQuery(base, q);
  }

  /** The origin forms on the integration page may lead to, for the CSP: exact when the host is fixed, else https:. */
  static String formOrigin(JsonObject credentialConfig) {
    JsonObject auth = credentialConfig.getValue("auth") instanceof JsonObject a ? a : new JsonObject();
    String host = auth.getString("authorizeHost", auth.getString("tokenHost"));
    if (host == null) {
      return null;
    }
    return Placeholders.hasPlaceholder(host) ? "https:" : origin(host);
  }

  /** scheme://authority of an absolute URL (CSP source syntax), the bare scheme for app URLs, null when unreadable. */
  static String origin(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null) {
        return null;
      }
      return u.getRawAuthority() == null || !u.getScheme().startsWith("http") ? u.getScheme() + ":" : u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String scope(JsonObject credentialConfig, List<String> linkScopes, String separator) {
    if (linkScopes != null && !linkScopes.isEmpty()) {
      return String.join(separator, linkScopes);
    }
    Object configured = credentialConfig.getValue("scope", credentialConfig.getValue("scopes"));
    if (configured instanceof JsonArray a && !a.isEmpty()) {
      return String.join(separator, a.stream().map(String::valueOf).toList());
    }
    return configured instanceof String s && !s.isBlank() ? s : null;
  }

  private static void checkHttp(String url) {
    try {
      URI u = URI.create(url);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
        throw new NotConfigured("the integration's authorize URL is not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new NotConfigured("the integration's authorize URL is not valid");
    }
  }

  private static String text(String template, JsonObject data) {
    if (template == null) {
      return null;
    }
    String s = Placeholders.renderInline(template, data, x -> x);
    return s.isEmpty() || Placeholders.hasPlaceholder(s) ? null : s;
  }
}
