package io.ferry.engine.connect;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Connect flow pieces: state signing, PKCE, authorize URLs, form checks, escaping")
class ConnectPiecesTest {

  final StateSigner signer = new StateSigner(new byte[32]);

  @Test
  @DisplayName("a state verifies only for its link token and integration, and not once edited")
  void stateBinding() {
    String state = signer.sign("s1", "lt1", "github");
    assertThat(signer.verifies(state, "lt1", "github")).isTrue();
    assertThat(signer.verifies(state, "lt2", "github")).isFalse();
    assertThat(signer.verifies(state, "lt1", "gitlab")).isFalse();
    assertThat(signer.verifies(state.substring(0, state.length() - 1) + "x", "lt1", "github")).isFalse();
    assertThat(signer.verifies("s1.", "lt1", "github")).isFalse();
    assertThat(StateSigner.idOf(state)).isEqualTo("s1");
    assertThat(StateSigner.idOf("no-dot")).isNull();
    assertThat(new StateSigner(new byte[] {1}).verifies(state, "lt1", "github")).isFalse();
  }

  @Test
  @DisplayName("PKCE: the verifier is 43 base64url characters; S256 matches RFC 7636 appendix B")
  void pkce() {
    assertThat(signer.verifier("s1")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(signer.verifier("s2"));
    assertThat(StateSigner.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  JsonObject config(String json) {
    return new JsonObject(json);
  }

  @Test
  @DisplayName("authorize URL: host and path from the config with placeholders, link scopes win, PKCE unless turned off")
  void authorizeUrl() {
    JsonObject cfg = config("""
        {"client": {"id": "{{client_id}}"}, "auth": {"tokenHost": "https://{{shop}}.myshopify.com", "authorizePath": "/admin/oauth/authorize"},
         "options": {"scopeSeparator": ","}, "scope": ["read_products"], "authorizeParams": {"grant_options[]": "per-user"}}""");
    String url = OAuthFlow.authorizeUrl(cfg, new JsonObject().put("shop", "acme").put("client_id", "cid"), null,
        List.of("read_orders", "write_orders"), "https://ferry.test/connect/shopify/callback", "st.sig", "chal");
    assertThat(url).isEqualTo("https://acme.myshopify.com/admin/oauth/authorize?response_type=code&client_id=cid"
        + "&redirect_uri=https%3A%2F%2Fferry.test%2Fconnect%2Fshopify%2Fcallback&scope=read_orders%2Cwrite_orders&state=st.sig"
        + "&code_challenge=chal&code_challenge_method=S256&grant_options%5B%5D=per-user");
    assertThat(OAuthFlow.formOrigin(cfg)).isEqualTo("https:");

    JsonObject plain = config("""
        {"client": {"id": "abc"}, "auth": {"tokenHost": "https://auth.example.com/", "authorizeHost": "https://login.example.com"},
         "options": {"pkce": false}, "scope": "a b"}""");
    assertThat(OAuthFlow.usesPkce(plain)).isFalse();
    assertThat(OAuthFlow.authorizeUrl(plain, new JsonObject(), null, null, "https://f/cb", "s", null))
        .isEqualTo("https://login.example.com/oauth/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Ff%2Fcb&scope=a%20b&state=s");
    assertThat(OAuthFlow.formOrigin(plain)).isEqualTo("https://login.example.com");
  }

  @Test
  @DisplayName("an integration without a client id or authorize host is a setup problem, named")
  void notConfigured() {
    assertThatThrownBy(() -> OAuthFlow.authorizeUrl(config("{\"auth\": {\"tokenHost\": \"https://x\"}}"), new JsonObject(), null,
        null, "https://f/cb", "s", null)).isInstanceOf(OAuthFlow.NotConfigured.class).hasMessageContaining("client id");
    assertThatThrownBy(() -> OAuthFlow.authorizeUrl(config("{\"client\": {\"id\": \"c\"}}"), new JsonObject(), null,
        null, "https://f/cb", "s", null)).isInstanceOf(OAuthFlow.NotConfigured.class).hasMessageContaining("authorize host");
  }

  List<JsonObject> fields() {
    return List.of(
        new JsonObject().put("name", "api_key").put("label", "API key").put("type", "password").put("required", true),
        new JsonObject().put("name", "seats").put("type", "number"),
        new JsonObject().put("name", "email").put("type", "email"),
        new JsonObject().put("name", "site").put("type", "url"),
        new JsonObject().put("name", "plan").put("type", "single_select").put("options", new JsonArray().add("free").add("pro")));
  }

  @Test
  @DisplayName("fields are checked on the server: required, number, email, url, listed option; values keep their types")
  void fieldChecks() {
    Map<String, String> errors = FieldForm.check(fields(), Map.of("field.seats", "ten", "field.email", "nope",
        "field.site", "javascript:alert(1)", "field.plan", "enterprise"));
    assertThat(errors).containsExactly(Map.entry("api_key", "API key is required."), Map.entry("seats", "seats must be a number."),
        Map.entry("email", "email must be an email address."), Map.entry("site", "site must be a web address starting with https://."),
        Map.entry("plan", "Choose one of the listed values for plan."));
    Map<String, String> ok = Map.of("field.api_key", " k ", "field.seats", "3", "field.plan", "pro");
    assertThat(FieldForm.check(fields(), ok)).isEmpty();
    assertThat(FieldForm.values(fields(), ok)).isEqualTo(new JsonObject().put("api_key", " k ").put("seats", 3L).put("plan", "pro"));
  }

  @Test
  @DisplayName("rendered forms escape every value and never send a secret back")
  void rendering() {
    String html = FieldForm.render(fields(), Map.of("field.api_key", "sk_live_SECRET", "field.site", "\"><script>x</script>"),
        Map.of("api_key", "API key is required."));
    assertThat(html).doesNotContain("sk_live_SECRET").doesNotContain("<script>")
        .contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"", "aria-invalid=\"true\"", "aria-describedby=\"f-api_key-error\"");
    assertThat(Html.scriptJson("{\"a\":\"</script><b>\"}")).doesNotContain("</script>");
  }

  @Test
  @DisplayName("redirect_uri: http(s) with a host or an app scheme; never javascript:, data: or a fragment")
  void redirects() {
    LinkTokens.checkRedirect("https://app.example.com/done?x=1");
    LinkTokens.checkRedirect("myapp://connected");
    for (String bad : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "https://a/b#frag", "/relative", "https:///nohost")) {
      assertThatThrownBy(() -> LinkTokens.checkRedirect(bad)).as(bad).isInstanceOf(FerryFailure.class);
    }
  }
}
