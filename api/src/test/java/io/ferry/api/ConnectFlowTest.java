package io.ferry.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.crypto.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Connect flow over HTTP: link token → hosted page → provider consent → callback → active account")
class ConnectFlowTest {
  ConnectFixture fx;
  final List<AccountEvent> events = new CopyOnWriteArrayList<>();

  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final List<String> secrets = new CopyOnWriteArrayList<>(List.of(OAuthProviderServer.CLIENT_SECRET, "key-very-secret-123"));

  @BeforeEach
  void start(Vertx vertx) {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    fx = new ConnectFixture(vertx, databaseUrl());
    vertx.eventBus().<AccountEvent>localConsumer("ferry.account.events", m -> events.add(m.body()));
  }

  /** The store under test: embedded H2 here, PostgreSQL in {@link PostgresConnectFlowTest}. */
  String databaseUrl() {
    return null;
  }

  /** Nothing secret (link tokens, codes, tokens, keys, the client secret) reaches a log line in any scenario. */
  @AfterEach
  void stop() {
    fx.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    secrets.addAll(fx.provider.issued.keySet());
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(secrets).allSatisfy(secret -> assertThat(line).doesNotContain(secret));
      assertThat(line).doesNotContain("flt_").doesNotContain("code-");
    }
  }

  JsonObject link(String redirect) {
    JsonObject body = new JsonObject().put("tenant_id", "acme-1");
    if (redirect != null) {
      body.put("redirect_uri", redirect);
    }
    return fx.linkToken(body);
  }

  /** Submits the OAuth start form and answers the provider's authorize URL. */
  String startOAuth(String token) {
    var r = fx.post("/connect-account/oauthy/oauth", Map.of("link_token", token, "auth_format", "oauth2"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(302);
    return r.getHeader("location");
  }

  /** Shows the provider's consent page, answers it, and returns the callback URL the provider redirects to. */
  String consent(String authorizeUrl, boolean allow) {
    var page = fx.get(authorizeUrl);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    Matcher m = Pattern.compile("name=\"txn\" value=\"([^\"]+)\"").matcher(page.bodyAsString());
    assertThat(m.find()).isTrue();
    var decided = fx.get(fx.provider.base() + "/oauth/decide?txn=" + m.group(1) + "&approve=" + (allow ? "yes" : "no"));
    assertThat(decided.statusCode()).isEqualTo(302);
    return decided.getHeader("location");
  }

  static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    String q = URI.create(url).getRawQuery();
    for (String pair : q.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  @Test
  @DisplayName("OAuth round trip: PKCE and client secret checked by the server, account active with its tokens, proxy works, redirect names the account")
  void oauthRoundTrip() {
    JsonObject link = link(ConnectFixture.APP_REDIRECT);
    assertThat(link.getString("url")).isEqualTo(fx.ferryBase() + "/connect-account?link_token=" + link.getString("link_token"));
    assertThat(link.getString("expires_at")).isNotNull();

    HttpResponse<Buffer> picker = fx.get(link.getString("url"));
    assertThat(picker.statusCode()).isEqualTo(200);
    assertThat(picker.bodyAsString()).contains("OAuthy CRM", "Keyed Tickets").doesNotContain("src=\"http");
    assertThat(picker.getHeader("content-security-policy")).contains("default-src 'none'", "frame-ancestors 'none'");
    assertThat(picker.getHeader("referrer-policy")).isEqualTo("no-referrer");

    String token = link.getString("link_token");
    var page = fx.get(link.getString("url") + "&integration=oauthy");
    assertThat(page.bodyAsString()).contains("action=\"/connect-account/oauthy/oauth\"").doesNotContain(OAuthProviderServer.CLIENT_SECRET);
    assertThat(page.getHeader("content-security-policy")).contains("form-action 'self' " + fx.provider.base());

    String authorize = startOAuth(token);
    Map<String, String> aq = query(authorize);
    assertThat(authorize).startsWith(fx.provider.base() + "/oauth/authorize?");
    assertThat(aq).containsEntry("client_id", OAuthProviderServer.CLIENT_ID).containsEntry("scope", "contacts.read")
        .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", fx.ferryBase() + "/connect/oauthy/callback");
    assertThat(authorize).doesNotContain(token);

    String callback = consent(authorize, true);
    var done = fx.get(callback);
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(302);
    Map<String, String> back = query(done.getHeader("location"));
    assertThat(done.getHeader("location")).startsWith(ConnectFixture.APP_REDIRECT + "?");
    assertThat(back).containsEntry("integration", "oauthy").containsKey("integrated_account_id");
    assertThat(fx.provider.tokenErrors).isEmpty();

    String id = back.get("integrated_account_id");
    JsonObject account = fx.account(id);
    assertThat(account.getString("status")).isEqualTo("active");
    assertThat(account.getString("tenant_id")).isEqualTo("acme-1");
    assertThat(account.getString("authentication_method")).isEqualTo("oauth2");
    assertThat(account.getJsonObject("context").getJsonObject("oauth").getJsonObject("token").getString("access_token")).isEqualTo("********");
    assertThat(account.getJsonObject("context").getJsonObject("oauth").getJsonObject("token").getString("expires_at")).isNotNull();

    var proxied = fx.ferry.admin(HttpMethod.GET, "/proxy/me/self?integrated_account_id=" + id, null).await();
    assertThat(proxied.statusCode()).as(proxied.bodyAsString()).isEqualTo(200);
    assertThat(fx.provider.issued).containsKey(proxied.bodyAsJsonObject().getString("token"));
    assertThat(events).filteredOn(e -> e.accountId().equals(id)).extracting(AccountEvent::event)
        .contains("integrated_account:created", "integrated_account:active");

    var replay = fx.get(callback);
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.bodyAsString()).contains("already used");
    var again = fx.get(link.getString("url"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.bodyAsString()).contains("This link was already used");
  }

  @Test
  @DisplayName("an edited state, or a state presented on another integration's callback, is a 400 page and uses nothing")
  void tamperedState() {
    JsonObject link = link(ConnectFixture.APP_REDIRECT);
    String callback = consent(startOAuth(link.getString("link_token")), true);
    Map<String, String> q = query(callback);
    String state = q.get("state");
    String edited = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
    var r = fx.get(fx.ferryBase() + "/connect/oauthy/callback?code=" + q.get("code") + "&state=" + edited);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("does not belong to a connection started here");
    var other = fx.get(fx.ferryBase() + "/connect/keyed/callback?code=" + q.get("code") + "&state=" + state);
    assertThat(other.statusCode()).isEqualTo(400);
    var garbage = fx.get(fx.ferryBase() + "/connect/oauthy/callback?code=x&state=%3Cscript%3E");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.bodyAsString()).doesNotContain("<script>");
    assertThat(fx.provider.tokenCalls.get()).isZero();

    var genuine = fx.get(callback);
    assertThat(genuine.statusCode()).as(genuine.bodyAsString()).isEqualTo(302);
    assertThat(query(genuine.getHeader("location"))).containsKey("integrated_account_id");
  }

  @Test
  @DisplayName("an expired link answers a 410 page, before the flow and at the callback")
  void expiredLink() {
    JsonObject link = link(ConnectFixture.APP_REDIRECT);
    String callback = consent(startOAuth(link.getString("link_token")), true);
    expire(link.getString("link_token"));
    var page = fx.get(link.getString("url"));
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.bodyAsString()).contains("This link has expired", "\"error_type\":\"invalid_token\"");
    var late = fx.get(callback);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(fx.provider.tokenCalls.get()).isZero();
    assertThat(fx.ferry.admin(HttpMethod.GET, "/integrated-account", null).await().bodyAsJsonObject().getJsonArray("result")).isEmpty();
  }

  void expire(String token) {
    fx.ferry.ferry().database().run("UPDATE link_token SET expires_at = 1 WHERE token_hash = #{h}", Map.of("h", Tokens.hash(token))).await();
  }

  @Test
  @DisplayName("the provider's access_denied comes back to the app as error=access_denied; the link still works afterwards")
  void providerDenied() {
    JsonObject link = link(ConnectFixture.APP_REDIRECT);
    var denied = fx.get(consent(startOAuth(link.getString("link_token")), false));
    assertThat(denied.statusCode()).isEqualTo(302);
    Map<String, String> back = query(denied.getHeader("location"));
    assertThat(back).containsEntry("error", "access_denied").containsEntry("error_type", "connection_error")
        .containsEntry("integration", "oauthy").doesNotContainKey("integrated_account_id");
    assertThat(back.get("error_description")).contains("denied");
    assertThat(fx.ferry.admin(HttpMethod.GET, "/integrated-account", null).await().bodyAsJsonObject().getJsonArray("result")).isEmpty();

    var retried = fx.get(consent(startOAuth(link.getString("link_token")), true));
    assertThat(query(retried.getHeader("location"))).containsKey("integrated_account_id");
  }

  @Test
  @DisplayName("API-key form: a missing required field is named on a 400 page; the secret is never echoed; then the account is active")
  void apiKeyForm() {
    JsonObject link = link(null);
    String token = link.getString("link_token");
    var form = fx.get(link.getString("url") + "&integration=keyed");
    assertThat(form.bodyAsString()).contains("<label for=\"f-api_key\">API key", "The part before .keyed.test",
        "https://docs.example.test/api-keys");

    var missing = fx.post("/connect-account/keyed/fields", Map.of("link_token", token, "auth_format", "api_key",
        "field.subdomain", "acme"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsString()).contains("API key is required.", "aria-invalid=\"true\"", "value=\"acme\"")
        .doesNotContain("Subdomain is required");

    var done = fx.post("/connect-account/keyed/fields", Map.of("link_token", token, "auth_format", "api_key",
        "field.subdomain", "acme", "field.api_key", "key-very-secret-123"));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsString()).contains("Connected", "\"result\":\"success\"").doesNotContain("key-very-secret-123");
    Matcher m = Pattern.compile("\"integrated_account_id\":\"([^\"]+)\"").matcher(done.bodyAsString());
    assertThat(m.find()).isTrue();
    JsonObject account = fx.account(m.group(1));
    assertThat(account.getString("status")).isEqualTo("active");
    assertThat(account.getString("authentication_method")).isEqualTo("api_key");
    assertThat(account.getJsonObject("context").getString("subdomain")).isEqualTo("acme");
    assertThat(account.getJsonObject("context").getString("api_key")).isEqualTo("********");
  }

  @Test
  @DisplayName("a failing validation step reaches the app as error_type=validation_error with the account's id")
  void validationError() {
    JsonObject link = link(ConnectFixture.APP_REDIRECT);
    var r = fx.post("/connect-account/keyed/fields", Map.of("link_token", link.getString("link_token"), "auth_format", "api_key",
        "field.subdomain", "acme", "field.api_key", "not-a-provider-key"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(302);
    Map<String, String> back = query(r.getHeader("location"));
    assertThat(back).containsEntry("error", "validation_error").containsEntry("error_type", "validation_error")
        .containsEntry("integration", "keyed").containsKey("integrated_account_id");
    assertThat(fx.account(back.get("integrated_account_id")).getString("status")).isEqualTo("validation_error");
    assertThat(events).filteredOn(e -> e.accountId().equals(back.get("integrated_account_id"))).extracting(AccountEvent::event)
        .contains("integrated_account:created", "integrated_account:validation_error");
  }

  @Test
  @DisplayName("ten concurrent submits of one link create exactly one account; the others get the 400 page")
  void singleUseUnderConcurrency() {
    for (int round = 0; round < 3; round++) {
      String token = link(null).getString("link_token");
      List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        var f = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("link_token", token).add("auth_format", "api_key")
            .add("field.subdomain", "s" + i).add("field.api_key", "key-" + i);
        all.add(fx.browser.postAbs(fx.ferryBase() + "/connect-account/keyed/fields").sendForm(f));
      }
      Future.join(new ArrayList<>(all)).await();
      assertThat(all).as(() -> all.stream().map(f -> f.result().statusCode() + " " + f.result().bodyAsString().replaceAll("(?s).*role=\"status\">(.*?)</p>.*", "$1")).toList().toString())
          .filteredOn(f -> f.result().statusCode() == 200).hasSize(1);
      assertThat(all).filteredOn(f -> f.result().statusCode() == 400).hasSize(9);
    }
    JsonArray accounts = fx.ferry.admin(HttpMethod.GET, "/integrated-account", null).await().bodyAsJsonObject().getJsonArray("result");
    assertThat(accounts).hasSize(3);
  }

  @Test
  @DisplayName("reconnect: a needs_reauth account gets the provider's new token and is active again (reactivated event)")
  void reconnect() {
    String first = query(fx.get(consent(startOAuth(link(ConnectFixture.APP_REDIRECT).getString("link_token")), true))
        .getHeader("location")).get("integrated_account_id");
    fx.ferry.ferry().database().run("UPDATE integrated_account SET status = 'needs_reauth' WHERE id = #{id}", Map.of("id", first)).await();
    JsonObject relink = fx.linkToken(new JsonObject().put("integrated_account_id", first).put("redirect_uri", ConnectFixture.APP_REDIRECT));
    var page = fx.get(relink.getString("url"));
    assertThat(page.bodyAsString()).contains("Connect OAuthy CRM").doesNotContain("Keyed Tickets");
    var done = fx.get(consent(startOAuth(relink.getString("link_token")), true));
    assertThat(query(done.getHeader("location"))).containsEntry("integrated_account_id", first);
    assertThat(fx.account(first).getString("status")).isEqualTo("active");
    assertThat(fx.ferry.admin(HttpMethod.GET, "/integrated-account", null).await().bodyAsJsonObject().getJsonArray("result")).hasSize(1);
    assertThat(events).filteredOn(e -> e.accountId().equals(first)).extracting(AccountEvent::event).contains("integrated_account:reactivated");
    var proxied = fx.ferry.admin(HttpMethod.GET, "/proxy/me/self?integrated_account_id=" + first, null).await();
    assertThat(proxied.bodyAsJsonObject().getString("token")).startsWith("at-");
  }

  @Test
  @DisplayName("POST /link-token: 400 naming the field for bad bodies; only the token's hash is stored; default lifetime 7 days")
  void linkTokenApi() {
    var neither = fx.ferry.admin(HttpMethod.POST, "/link-token", new JsonObject()).await();
    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.bodyAsJsonObject().getString("message")).contains("tenant_id");
    var unknown = fx.ferry.admin(HttpMethod.POST, "/link-token", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", "nope")).await();
    assertThat(unknown.bodyAsJsonObject().getString("message")).startsWith("/environment_integration_id");
    var script = fx.ferry.admin(HttpMethod.POST, "/link-token", new JsonObject().put("tenant_id", "t")
        .put("redirect_uri", "javascript:alert(1)")).await();
    assertThat(script.statusCode()).isEqualTo(400);
    assertThat(script.bodyAsJsonObject().getString("message")).startsWith("/redirect_uri");
    var noAuth = fx.ferry.call(HttpMethod.POST, "/link-token", null, new JsonObject().put("tenant_id", "t")).await();
    assertThat(noAuth.statusCode()).isEqualTo(401);

    JsonObject link = fx.linkToken(new JsonObject().put("tenant_id", "t").put("environment_integration_id", fx.keyedInstall));
    long days = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(link.getString("expires_at"))).toHours();
    assertThat(days).isBetween(7 * 24L - 1, 7 * 24L);
    var rows = fx.ferry.ferry().database().run("SELECT token_hash FROM link_token", Map.of()).await();
    List<String> stored = new ArrayList<>();
    rows.forEach(r -> stored.add(r.getString(0)));
    assertThat(stored).containsExactly(Tokens.hash(link.getString("link_token")));
    var page = fx.get(link.getString("url"));
    assertThat(page.bodyAsString()).contains("Connect Keyed Tickets").doesNotContain("OAuthy CRM");
    var bogus = fx.get(fx.ferryBase() + "/connect-account?link_token=flt_nope");
    assertThat(bogus.statusCode()).isEqualTo(404);
  }
}
