package io.ferry.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The write endpoints of the OpenAPI document with a valid body each, and the hostile values the fuzz test uses. */
final class Endpoints {
  private Endpoints() {
  }

  record Write(HttpMethod method, String collection, Function<Map<String, String>, String> uri,
               Function<Map<String, String>, JsonObject> body) {
    @Override
    public String toString() {
      return method + " " + collection;
    }
  }

  static final List<Write> WRITES = List.of(
      new Write(HttpMethod.POST, "/environment", ids -> "/environment", ids -> new JsonObject().put("name", "e")),
      new Write(HttpMethod.POST, "/api-token", ids -> "/api-token", ids -> new JsonObject()
          .put("environment_id", ids.get("environment")).put("name", "t").put("expires_at", "2031-01-01T00:00:00Z")),
      new Write(HttpMethod.POST, "/integration", ids -> "/integration", ids -> new JsonObject().put("name", "n" + System.nanoTime())
          .put("category", "crm").put("config", config())),
      new Write(HttpMethod.PATCH, "/integration", ids -> "/integration/" + ids.get("integration"), ids -> new JsonObject()
          .put("version", 1).put("name", "fuzzed").put("config", new JsonObject().put("base_url", "https://api.example.com")
              .put("environment_variables", new JsonObject().put("k", "v")))),
      new Write(HttpMethod.POST, "/environment-integration", ids -> "/environment-integration", ids -> new JsonObject()
          .put("integration_id", ids.get("integration")).put("is_enabled", true).put("override", new JsonObject())),
      new Write(HttpMethod.PATCH, "/environment-integration", ids -> "/environment-integration/" + ids.get("install"),
          ids -> new JsonObject().put("is_enabled", true).put("show_in_catalog", true).put("override", new JsonObject()
              .put("credentials", new JsonObject().put("oauth2", new JsonObject().put("config", new JsonObject()
                  .put("client", new JsonObject().put("id", "i").put("secret", "********"))))))),
      new Write(HttpMethod.POST, "/integrated-account", ids -> "/integrated-account", ids -> new JsonObject().put("tenant_id", "t")
          .put("environment_integration_id", ids.get("install")).put("authentication_method", "api_key").put("region", "wnam")
          .put("is_sandbox", false).put("context", new JsonObject().put("api_key", "k").put("subdomain", "s"))),
      new Write(HttpMethod.PATCH, "/integrated-account", ids -> "/integrated-account/" + ids.get("account"), ids -> new JsonObject()
          .put("tenant_id", "t2").put("context", new JsonObject().put("oauth", new JsonObject().put("token",
              new JsonObject().put("access_token", "a").put("expires_in", 3600))))),
      new Write(HttpMethod.PATCH, "/integrated-account/credentials", ids -> "/integrated-account/" + ids.get("account") + "/credentials",
          ids -> new JsonObject().put("api_key", "k2").put("oauth", new JsonObject().put("token",
              new JsonObject().put("access_token", "a").put("expires_in", 60)))),
      new Write(HttpMethod.POST, "/integrated-account/refresh-credentials", ids -> "/integrated-account/refresh-credentials",
          ids -> new JsonObject().put("id", ids.get("account"))),
      new Write(HttpMethod.POST, "/webhook", ids -> "/webhook", ids -> new JsonObject().put("target_url", "https://hooks.example.com/in")
          .put("is_active", false).put("event_types", new JsonArray().add("integrated_account:*"))),
      new Write(HttpMethod.PATCH, "/webhook", ids -> "/webhook/" + ids.get("webhook"), ids -> new JsonObject()
          .put("is_active", false).put("event_types", new JsonArray().add("record:*"))),
      new Write(HttpMethod.POST, "/webhook/test", ids -> "/webhook/test", ids -> new JsonObject().put("id", ids.get("webhook") + "x")),
      new Write(HttpMethod.POST, "/integration/webhook/test", ids -> "/integration/" + ids.get("integration") + "/webhook/test",
          ids -> new JsonObject().put("now", 1700000000000L).put("context", new JsonObject()).put("request", new JsonObject()
              .put("method", "POST").put("headers", new JsonObject().put("x-signature", "00")).put("body", "{}"))));

  static final Arbitrary<Object> HOSTILE_VALUES = Arbitraries.of(
      "", "\u0000", "a\u0000b", "%00", "********", "abc", "{}", "12345678901234567890", "+999999999-01-01T00:00:00Z",
      "-999999999-01-01T00:00:00Z", "2030-01-01T00:00:00Z", "\uD83D\uDE00".repeat(300), "x".repeat(70_000), "\uD800",
      "http://127.0.0.1/", "null", "-1", "1e400", "{{context.api_key}}", "$.x", "' OR 1=1 --",
      -1, 0, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.5, 1.5, true, false,
      new JsonObject(), new JsonArray(), new JsonArray().add("\u0000"), new JsonObject().put("\u0000", 1),
      new JsonObject().put("a", new JsonObject().put("b", new JsonArray().add(new JsonObject()))), "NULL");

  static final Arbitrary<String> QUERY_VALUES = Arbitraries.of("", "%00", "abc", "-1", "0", "1001", "99999999999999999999",
      "true", "TRUE", "+999999999-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-13-45", "%F0%9F%98%80", "%ZZ",
      "a%00b", "MTox", "OTk5OTk5OTk5OTk5OTk5OTk5OTk6eA", "eDp5", "%27%20OR%201%3D1", "x".repeat(3000), "%C0%80");

  static final Arbitrary<String> IDS = Arbitraries.of("%00", "x", "00000000-0000-0000-0000-000000000000", "x".repeat(300),
      "%F0%9F%98%80", "..%2F..", "%ZZ", "a%00b", "%C0%80", "12345678901234567890");

  /** Every JSON pointer-ish dotted path of a body's fields (objects descended). */
  static List<String> paths(JsonObject body) {
    List<String> out = new ArrayList<>();
    collect(body, "", out);
    return out;
  }

  private static void collect(JsonObject o, String prefix, List<String> out) {
    for (String key : o.fieldNames()) {
      String path = prefix + key;
      out.add(path);
      if (o.getValue(key) instanceof JsonObject child) {
        collect(child, path + ".", out);
      }
    }
  }

  static void set(JsonObject body, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject at = body;
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.getJsonObject(parts[i]);
    }
    at.put(parts[parts.length - 1], value instanceof JsonObject j ? j.copy() : value instanceof JsonArray a ? a.copy() : value);
  }

  static JsonObject config() {
    return new JsonObject().put("base_url", "https://api.example.com")
        .put("credentials", new JsonObject().put("api_key", new JsonObject().put("format", "api_key")))
        .put("resources", new JsonObject().put("users", new JsonObject().put("list", new JsonObject().put("path", "/users"))));
  }
}
