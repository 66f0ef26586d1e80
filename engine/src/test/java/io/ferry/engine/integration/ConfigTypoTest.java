package io.ferry.engine.integration;

import io.ferry.engine.interpreter.ExpressionCheck;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a typo in an integration config is refused on save, naming the pointer and the nearest valid key")
class ConfigTypoTest {

  private final ConfigCheck check = new ConfigCheck(ExpressionCheck::failures);

  private JsonObject failure(JsonObject config, String pointer) {
    JsonArray failures = check.failures(config);
    for (Object f : failures) {
      if (((JsonObject) f).getString("pointer").equals(pointer)) {
        return (JsonObject) f;
      }
    }
    throw new AssertionError("no failure at " + pointer + " in " + failures.encodePrettily());
  }

  @Test
  void aTokenUrlInTheOAuthConfigNamesTheKeysThatExist() {
    JsonObject config = new JsonObject("""
        {"base_url": "https://api.example.com", "credentials": {"format": "oauth2", "config": {
          "client": {"id": "a", "secret": "b"}, "auth": {"tokenHost": "https://auth.example.com", "token_url": "/token"}}}}""");
    String reason = failure(config, "/credentials/config/auth/token_url").getString("reason");
    assertThat(reason).contains("is not a known field", "tokenPath", "tokenHost", "refreshPath");
  }

  @Test
  void aMisspelledTopLevelKeySuggestsTheRightOne() {
    JsonObject config = new JsonObject("{\"base_ulr\": \"https://api.example.com\"}");
    assertThat(failure(config, "/base_ulr").getString("reason")).contains("did you mean 'base_url'?");
  }

  @Test
  void aMisspelledPaginationKeySuggestsTheRightOne() {
    JsonObject config = new JsonObject("""
        {"base_url": "https://api.example.com", "pagination": {"format": "cursor", "config": {"cursor_pth": "next"}}}""");
    assertThat(failure(config, "/pagination/config/cursor_pth").getString("reason")).contains("did you mean 'cursor_path'?");
  }

  @Test
  void theSeedsOwnSpellingsAndTheirAliasesAreAccepted() {
    JsonObject config = new JsonObject("""
        {"base_url": "https://api.example.com",
         "pagination": {"format": "page", "config": {"page_param": "page", "limit_param": "per_page", "max_limit": 100}},
         "credentials": {"format": "oauth2", "config": {"client": {"id": "a", "secret": "b"},
           "auth": {"tokenHost": "https://a.example.com", "tokenPath": "/t", "authorizePath": "/authorize"},
           "options": {"authorizationMethod": "body", "bodyFormat": "json"}, "tokenParams": {"audience": "x"}}}}""");
    assertThat(check.failures(config)).isEmpty();
  }
}
