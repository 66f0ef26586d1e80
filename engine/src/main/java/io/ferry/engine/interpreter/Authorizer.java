package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies {@code authorization} to the outgoing headers: {@code bearer} (default token: the OAuth access token, or
 * {@code api_key} for API-key accounts), {@code basic}, {@code header} (name + value template, or a JSONata
 * {@code expression} answering a header map), {@code no_auth}. A credential that does not resolve adds no header.
 */
final class Authorizer {
  private Authorizer() {
  }

  static void apply(JsonObject authorization, boolean noAuth, String authenticationMethod, JsonObject data,
                    Map<String, String> headers, Jsonata jsonata, String url) {
    if (noAuth) {
      return;
    }
    String format = authorization == null ? "bearer" : authorization.getString("format", "bearer");
    JsonObject config = authorization != null && authorization.getValue("config") instanceof JsonObject c ? c : new JsonObject();
    switch (format) {
      case "bearer" -> {
        String template = config.getString("token", "api_key".equals(authenticationMethod)
            ? "{{api_key}}" : "{{oauth.token.access_token}}");
        String token = resolved(template, data);
        if (token != null) {
          put(headers, "Authorization", "Bearer " + token);
        }
      }
      case "basic" -> {
        String user = resolved(config.getString("username", "{{username}}"), data);
        String password = resolved(config.getString("password", "{{password}}"), data);
        if (user != null) {
          String pair = user + ":" + (password == null ? "" : password);
          put(headers, "Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
      }
      case "header" -> header(config, data, headers, jsonata, url);
      case "no_auth" -> {
      }
      default -> throw new ConfigError("unknown authorization format '" + format + "'");
    }
  }

  private static void header(JsonObject config, JsonObject data, Map<String, String> headers, Jsonata jsonata, String url) {
    String expression = config.getString("expression");
    if (expression != null) {
      JsonObject scope = new JsonObject().put("context", data.getJsonObject("context")).put("url", url)
          .put("requestOptions", new JsonObject().put("headers", new JsonObject(new LinkedHashMap<>(headers))));
      if (jsonata.evaluate(expression, scope, "/authorization/config/expression") instanceof JsonObject map) {
        map.forEach(e -> {
          if (e.getValue() != null) {
            put(headers, e.getKey(), Placeholders.stringify(e.getValue()));
          }
        });
      }
      return;
    }
    String name = config.getString("name", config.getString("header_name"));
    String value = resolved(config.getString("value", config.getString("header_value")), data);
    if (name != null && value != null) {
      put(headers, name, value);
    }
  }

  private static String resolved(String template, JsonObject data) {
    if (template == null) {
      return null;
    }
    Object v = Placeholders.render(template, data);
    if (v == null || v == Placeholders.UNDEFINED) {
      return null;
    }
    String s = Placeholders.stringify(v);
    return s.isEmpty() || Placeholders.hasPlaceholder(s) ? null : s;
  }

  /** Case-insensitive replace: one header per name. */
  static void put(Map<String, String> headers, String name, String value) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    headers.put(name, value);
  }
}
