package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Ferry, a real OAuth authorization server, and two installed integrations: {@code oauthy} (OAuth2 against that
 * server, one resource) and {@code keyed} (API key + subdomain fields). Plus a client that never follows redirects.
 */
final class ConnectFixture {
  static final String APP_REDIRECT = "https://app.example.test/connected";

  final Vertx vertx;
  final FerryServer ferry;
  final OAuthProviderServer provider;
  final String oauthInstall;
  final String keyedInstall;
  final WebClient browser;

  ConnectFixture(Vertx vertx) {
    this(vertx, null);
  }

  /** @param databaseUrl null for the embedded H2 store */
  ConnectFixture(Vertx vertx, String databaseUrl) {
    this.vertx = vertx;
    provider = new OAuthProviderServer().start(vertx).await();
    ferry = FerryServer.start(vertx, FerryServer.options(databaseUrl)).await();
    oauthInstall = install("oauthy", "crm", oauthConfig(provider.base()));
    keyedInstall = install("keyed", "ticketing", keyedConfig(provider.base()));
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  static JsonObject oauthConfig(String base) {
    return new JsonObject("""
        {"label": "OAuthy CRM", "base_url": "%s/api",
         "credentials": {"oauth2": {"format": "oauth2", "config": {
           "client": {"id": "%s", "secret": "%s"},
           "auth": {"tokenHost": "%s", "tokenPath": "/oauth/token", "authorizePath": "/oauth/authorize"},
           "options": {"authorizationMethod": "header", "bodyFormat": "form", "scopeSeparator": " "},
           "scope": ["contacts.read"]}}},
         "authorization": {"format": "bearer", "config": {"token": "{{oauth.token.access_token}}"}},
         "actions": {"validation": {"type": "request", "config": {"path": "/me"}}},
         "resources": {"me": {"get": {"path": "/me", "response_path": "data"}}}}
        """.formatted(base, OAuthProviderServer.CLIENT_ID, OAuthProviderServer.CLIENT_SECRET, base));
  }

  static JsonObject keyedConfig(String base) {
    return new JsonObject("""
        {"label": "Keyed Tickets", "base_url": "%s/api",
         "credentials": {"api_key": {"format": "api_key", "config": {
           "documentation_link": "https://docs.example.test/api-keys",
           "fields": [
             {"name": "subdomain", "label": "Subdomain", "type": "text", "required": true, "help_text": "The part before .keyed.test"},
             {"name": "api_key", "label": "API key", "type": "password", "required": true}]}}},
         "authorization": {"format": "header", "config": {"name": "X-Api-Key", "value": "{{api_key}}"}},
         "actions": {"validation": {"type": "request", "config": {"path": "/keycheck"}}},
         "resources": {"me": {"get": {"path": "/me", "response_path": "data"}}}}
        """.formatted(base));
  }

  private String install(String name, String category, JsonObject config) {
    var created = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", name).put("category", category)
        .put("config", config)).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject()
        .put("integration_id", created.bodyAsJsonObject().getString("id"))).await().bodyAsJsonObject().getString("id");
  }

  String ferryBase() {
    return "http://localhost:" + ferry.ferry().port();
  }

  JsonObject linkToken(JsonObject body) {
    var r = ferry.admin(HttpMethod.POST, "/link-token", body).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  HttpResponse<Buffer> get(String absoluteUrl) {
    return browser.getAbs(absoluteUrl).send().await();
  }

  HttpResponse<Buffer> post(String path, Map<String, String> form) {
    io.vertx.core.MultiMap f = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    form.forEach(f::add);
    return browser.postAbs(ferryBase() + path).sendForm(f).await();
  }

  JsonObject account(String id) {
    return ferry.admin(HttpMethod.GET, "/integrated-account/" + id, null).await().bodyAsJsonObject();
  }

  void close() {
    ferry.stop().await();
  }
}
