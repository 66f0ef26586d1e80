package io.ferry.engine.proxy;

import io.ferry.engine.http.SsrfGuard;
import io.ferry.engine.http.UpstreamClient;
import io.ferry.engine.account.Account;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.Placeholders;
import io.ferry.engine.interpreter.QueryString;
import io.ferry.engine.interpreter.RequestBuilder;
import io.ferry.engine.interpreter.UpstreamRequest;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Calls an OAuth token endpoint as the credentials config describes it (simple-oauth2 vocabulary):
 * {@code auth.tokenHost} + {@code auth.refreshPath} (falling back to {@code tokenPath}), client authentication per
 * {@code options.authorizationMethod} (header: HTTP Basic, body: form fields), {@code options.bodyFormat} form or json,
 * {@code refreshParams}/{@code tokenParams} merged. Also exchanges authorization codes for the connect flow.
 */
public final class TokenEndpoint {
  private final UpstreamClient client;
  private final SsrfGuard guard;

  public TokenEndpoint(UpstreamClient client, SsrfGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  public Future<UpstreamResponse> request(Account account, JsonObject credential, boolean clientCredentials) {
    UpstreamRequest request;
    try {
      request = build(account, credential, clientCredentials);
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    return guard.resolve(request.url()).compose(server -> client.send(request, server, 15_000));
  }

  /**
   * The authorization-code grant (connect flow callback): {@code tokenHost} + {@code tokenPath}, {@code tokenParams}
   * rendered first and the grant's own parameters over them, the same client authentication as a refresh.
   */
  public Future<UpstreamResponse> exchangeCode(Account account, JsonObject credential, String code, String redirectUri,
                                               String codeVerifier) {
    JsonObject grant = new JsonObject().put("grant_type", "authorization_code").put("code", code).put("redirect_uri", redirectUri);
    if (codeVerifier != null) {
      grant.put("code_verifier", codeVerifier);
    }
    UpstreamRequest request;
    try {
      request = build(account, credential, false, grant);
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    return guard.check(request.url()).compose(v -> client.send(request, 15_000));
  }

  static UpstreamRequest build(Account account, JsonObject credential, boolean clientCredentials) {
    return build(account, credential, clientCredentials, null);
  }

  private static UpstreamRequest build(Account account, JsonObject credential, boolean clientCredentials, JsonObject codeGrant) {
    JsonObject context = account.context();
    JsonObject data = RequestBuilder.data(context, ProxyPipeline.environmentVariables(account), CallInput.empty(), new JsonObject());
    JsonObject auth = credential.getValue("auth") instanceof JsonObject a ? a : new JsonObject();
    JsonObject client = credential.getValue("client") instanceof JsonObject c ? c : new JsonObject();
    JsonObject options = credential.getValue("options") instanceof JsonObject o ? o : new JsonObject();
    String host = text(auth.getString("tokenHost"), data);
    if (host == null) {
      throw FerryFailure.badRequest("the integration's credentials define no auth.tokenHost to refresh tokens with");
    }
    String path = clientCredentials || codeGrant != null ? auth.getString("tokenPath", "/oauth/token")
        : auth.getString("refreshPath", auth.getString("tokenPath", "/oauth/token"));
    String url = host.replaceAll("/+$", "") + (path.startsWith("/") ? "" : "/") + text(path, data);
    String clientId = firstText(data, client.getString("id"), "{{client_id}}");
    String clientSecret = firstText(data, client.getString("secret"), "{{client_secret}}");

    JsonObject params = new JsonObject();
    if (codeGrant != null) {
      render(credential.getJsonObject("tokenParams"), data, params);
      params.mergeIn(codeGrant);
    } else if (clientCredentials) {
      params.put("grant_type", "client_credentials");
      render(credential.getJsonObject("tokenParams"), data, params);
      if (credential.getValue("scope") instanceof io.vertx.core.json.JsonArray scopes && !scopes.isEmpty()) {
        params.put("scope", String.join(options.getString("scopeSeparator", " "), scopes.stream().map(String::valueOf).toList()));
      }
    } else {
      params.put("grant_type", "refresh_token").put("refresh_token", Json.at(context, "oauth.token.refresh_token"));
      render(credential.getJsonObject("refreshParams"), data, params);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Accept", "application/json"));
    if ("body".equals(options.getString("authorizationMethod"))) {
      if (clientId != null) {
        params.put("client_id", clientId);
      }
      if (clientSecret != null) {
        params.put("client_secret", clientSecret);
      }
    } else if (clientId != null) {
      String pair = QueryString.percentEncode(clientId) + ":" + QueryString.percentEncode(clientSecret == null ? "" : clientSecret);
      headers.add(Map.entry("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
    boolean json = "json".equals(options.getString("bodyFormat"));
    headers.add(Map.entry("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded"));
    Buffer body = json ? params.toBuffer() : Buffer.buffer(QueryString.encode(params, "brackets"));
    return new UpstreamRequest("POST", url, List.copyOf(headers), body);
  }

  /** A token response as JSON; form-encoded answers (some older providers) are read too. */
  public static JsonObject parse(UpstreamResponse r) {
    if (r.body() instanceof JsonObject o) {
      return o;
    }
    if (r.body() instanceof String s && s.contains("=")) {
      return QueryString.parse(s);
    }
    return new JsonObject();
  }

  private static void render(JsonObject template, JsonObject data, JsonObject into) {
    if (template != null && Placeholders.render(template, data) instanceof JsonObject rendered) {
      rendered.forEach(e -> {
        if (e.getValue() != null && !(e.getValue() instanceof String s && Placeholders.hasPlaceholder(s))) {
          into.put(e.getKey(), e.getValue());
        }
      });
    }
  }

  private static String firstText(JsonObject data, String... templates) {
    for (String t : templates) {
      String v = text(t, data);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String text(String template, JsonObject data) {
    if (template == null) {
      return null;
    }
    String s = Placeholders.renderInline(template, data, x -> x);
    return s.isEmpty() || Placeholders.hasPlaceholder(s) ? null : s;
  }
}
