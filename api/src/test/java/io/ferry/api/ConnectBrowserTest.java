package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect flow in a real browser (headless Chromium, one session for the class): the hosted pages, the provider
 * round trip, and Truto's own Link SDK ({@code authenticate(linkToken, {baseUrl, iframe: false})}) against Ferry.
 * Screenshots of each page land in {@code target/connect-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Connect flow in headless Chromium, including Truto's Link SDK")
class ConnectBrowserTest {
  Vertx vertx;
  ConnectFixture fx;
  ChromeDriver chrome;
  HttpServer app;
  Path sdk;

  @BeforeAll
  void start() throws Exception {
    chrome = HeadlessChromium.start();
    vertx = Vertx.vertx();
    fx = new ConnectFixture(vertx);
    Router router = Router.router(vertx);
    // the user's app: a landing page for redirects, and a page that uses Truto's SDK (served from another origin than Ferry)
    router.get("/connected").handler(ctx -> {
      StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><title>App</title><h1>Back in the app</h1><dl>");
      ctx.queryParams().forEach(e -> b.append("<dt>").append(e.getKey()).append("</dt><dd id=\"").append(e.getKey()).append("\">")
          .append(e.getValue().replace("<", "&lt;")).append("</dd>"));
      ctx.response().putHeader("content-type", "text/html").end(b.append("</dl></html>").toString());
    });
    router.get("/sdk/main.js").handler(ctx -> ctx.response().putHeader("content-type", "text/javascript").sendFile(sdk.toString()));
    router.get("/sdk.html").handler(ctx -> ctx.response().putHeader("content-type", "text/html").end("""
        <!doctype html><html lang="en"><title>SDK test</title><button id="go">Connect</button><pre id="out">pending</pre>
        <script type="module">
          import authenticate from '/sdk/main.js';
          const q = new URLSearchParams(location.search);
          document.getElementById('go').addEventListener('click', () => {
            authenticate(q.get('link'), {baseUrl: q.get('ferry'), iframe: false, integration: q.get('integration')})
              .then(r => { document.getElementById('out').textContent = JSON.stringify({resolved: r}); })
              .catch(e => { document.getElementById('out').textContent = JSON.stringify({rejected: {message: e.message || String(e),
                error_type: e.error_type, integration: e.integration}}); });
          });
        </script></html>"""));
    app = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  void stop() {
    if (chrome != null) {
      chrome.quit();
    }
    if (fx != null) {
      fx.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  String appUrl(String path) {
    return "http://127.0.0.1:" + app.actualPort() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(chrome, Duration.ofSeconds(20));
  }

  @Test
  @DisplayName("pick the app, submit the API-key form with a required field empty (the page names it), complete it, land in the app")
  void apiKeyForm() {
    JsonObject link = fx.linkToken(new JsonObject().put("tenant_id", "browser-1").put("redirect_uri", appUrl("/connected")));
    chrome.get(link.getString("url"));
    assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Connect an app");
    HeadlessChromium.screenshot(chrome, "01-picker");
    chrome.findElement(By.partialLinkText("Keyed Tickets")).click();
    waiting().until(d -> "Connect Keyed Tickets".equals(d.findElement(By.tagName("h1")).getText()));
    HeadlessChromium.screenshot(chrome, "02-api-key-form");

    chrome.findElement(By.cssSelector("label[for=f-subdomain]")).click(); // the label focuses its input
    chrome.switchTo().activeElement().sendKeys("acme");
    chrome.findElement(By.xpath("//button[text()='Connect']")).click();
    // the form posts and a new page loads: wait for it rather than race it on a loaded machine
    WebElement summary = waiting().until(d -> d.findElements(By.cssSelector("[role=alert]")).stream().findFirst().orElse(null));
    assertThat(summary.getText()).contains("API key is required.").doesNotContain("Subdomain");
    WebElement key = chrome.findElement(By.id("f-api_key"));
    assertThat(key.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(key.getAttribute("aria-describedby")).isEqualTo("f-api_key-error");
    assertThat(chrome.findElement(By.id("f-subdomain")).getAttribute("value")).isEqualTo("acme");
    HeadlessChromium.screenshot(chrome, "03-api-key-missing-field");

    key.sendKeys("key-from-the-browser");
    chrome.findElement(By.xpath("//button[text()='Connect']")).click();
    waiting().until(d -> d.getCurrentUrl().startsWith(appUrl("/connected")));
    HeadlessChromium.screenshot(chrome, "04-api-key-back-in-app");
    assertThat(chrome.findElement(By.id("integration")).getText()).isEqualTo("keyed");
    JsonObject account = fx.account(chrome.findElement(By.id("integrated_account_id")).getText());
    assertThat(account.getString("status")).isEqualTo("active");
    assertThat(account.getString("tenant_id")).isEqualTo("browser-1");
  }

  @Test
  @DisplayName("OAuth round trip: Ferry's page → the provider's consent → callback → the app gets the active account's id")
  void oauthRoundTrip() {
    JsonObject link = fx.linkToken(new JsonObject().put("tenant_id", "browser-2").put("redirect_uri", appUrl("/connected")));
    chrome.get(link.getString("url"));
    chrome.findElement(By.partialLinkText("OAuthy CRM")).click();
    HeadlessChromium.screenshot(chrome, "05-oauth-start");
    chrome.findElement(By.xpath("//button[text()='Continue to OAuthy CRM']")).click();
    waiting().until(d -> d.getCurrentUrl().startsWith(fx.provider.base()));
    assertThat(chrome.findElement(By.id("scope")).getText()).contains("contacts.read");
    HeadlessChromium.screenshot(chrome, "06-provider-consent");
    chrome.findElement(By.id("allow")).click();
    waiting().until(d -> d.getCurrentUrl().startsWith(appUrl("/connected")));
    HeadlessChromium.screenshot(chrome, "07-oauth-back-in-app");
    String id = chrome.findElement(By.id("integrated_account_id")).getText();
    assertThat(fx.account(id).getString("status")).isEqualTo("active");
    var proxied = fx.ferry.admin(io.vertx.core.http.HttpMethod.GET, "/proxy/me/self?integrated_account_id=" + id, null).await();
    assertThat(proxied.statusCode()).isEqualTo(200);

    chrome.navigate().back(); // the provider's page again, then the used callback: the link is spent
    chrome.get(link.getString("url"));
    assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("This link was already used");
    HeadlessChromium.screenshot(chrome, "08-link-already-used");
  }

  @Test
  @DisplayName("Truto's Link SDK: authenticate() resolves with the integration and the new account id, and rejects on denied consent")
  void trutoLinkSdk() throws Exception {
    sdk = HeadlessChromium.trutoLinkSdk();
    JsonObject allowed = sdkRound(true);
    JsonObject resolved = allowed.getJsonObject("resolved");
    assertThat(resolved).as(allowed.encode()).isNotNull();
    assertThat(resolved.getString("result")).isEqualTo("success");
    assertThat(resolved.getString("integration")).isEqualTo("oauthy");
    assertThat(fx.account(resolved.getString("integrated_account_id")).getString("status")).isEqualTo("active");

    JsonObject denied = sdkRound(false);
    JsonObject rejected = denied.getJsonObject("rejected");
    assertThat(rejected).as(denied.encode()).isNotNull();
    assertThat(rejected.getString("error_type")).isEqualTo("connection_error");
    assertThat(rejected.getString("integration")).isEqualTo("oauthy");
    assertThat(rejected.getString("message")).contains("denied");

    // an unknown link: the popup's page tells the SDK at once, without any click
    chrome.get(appUrl("/sdk.html?integration=oauthy&link=flt_unknown&ferry=" + enc(fx.ferryBase())));
    String main = chrome.getWindowHandle();
    chrome.findElement(By.id("go")).click();
    waiting().until(d -> !"pending".equals(d.findElement(By.id("out")).getText()));
    assertThat(chrome.getWindowHandles()).containsExactly(main);
    JsonObject invalid = new JsonObject(chrome.findElement(By.id("out")).getText()).getJsonObject("rejected");
    assertThat(invalid.getString("error_type")).isEqualTo("invalid_token");
  }

  /** Clicks the app's Connect button, completes the popup (Allow or Deny) and answers what the SDK's promise gave. */
  JsonObject sdkRound(boolean allow) {
    String token = fx.linkToken(new JsonObject().put("tenant_id", "sdk-user")).getString("link_token");
    chrome.get(appUrl("/sdk.html?integration=oauthy&link=" + enc(token) + "&ferry=" + enc(fx.ferryBase())));
    String main = chrome.getWindowHandle();
    chrome.findElement(By.id("go")).click();
    waiting().until(d -> d.getWindowHandles().size() == 2);
    String popup = chrome.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow();
    chrome.switchTo().window(popup);
    waiting().until(d -> !d.findElements(By.tagName("button")).isEmpty());
    HeadlessChromium.screenshot(chrome, allow ? "09-sdk-popup" : "11-sdk-popup-deny");
    chrome.findElement(By.xpath("//button[text()='Continue to OAuthy CRM']")).click();
    waiting().until(d -> !d.findElements(By.id(allow ? "allow" : "deny")).isEmpty());
    chrome.findElement(By.id(allow ? "allow" : "deny")).click();
    // the result page posts its message to the opener and the SDK closes the popup
    waiting().until(d -> d.getWindowHandles().size() == 1);
    chrome.switchTo().window(main);
    waiting().until(d -> !"pending".equals(d.findElement(By.id("out")).getText()));
    HeadlessChromium.screenshot(chrome, allow ? "10-sdk-resolved" : "12-sdk-rejected");
    return new JsonObject(chrome.findElement(By.id("out")).getText());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
