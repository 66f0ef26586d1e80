package io.ferry.engine.account;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTokensTest {

  static JsonObject expiring(Object at) {
    return new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "a").put("expires_at", at)));
  }

  @Test
  @DisplayName("each token's own expiry, whichever was read last on the thread, an unreadable one null, millis as given")
  void everyTokenGetsItsOwnExpiry() {
    JsonObject a = expiring("2030-01-01T00:00:00Z");
    JsonObject b = expiring("2031-06-01T12:30:00.250Z");
    JsonObject bad = expiring("next tuesday");
    for (int i = 0; i < 3; i++) { // alternating and repeated reads: the remembered last text never answers for another
      assertThat(OAuthTokens.expiresAt(a)).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
      assertThat(OAuthTokens.expiresAt(a)).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
      assertThat(OAuthTokens.expiresAt(b)).isEqualTo(Instant.parse("2031-06-01T12:30:00.250Z").toEpochMilli());
      assertThat(OAuthTokens.expiresAt(bad)).isNull();
      assertThat(OAuthTokens.expiresAt(bad)).isNull();
      // an equal text in another string object (a refreshed token written back) is read again, with the same answer
      assertThat(OAuthTokens.expiresAt(expiring(new String("2030-01-01T00:00:00Z")))).isEqualTo(1893456000000L);
    }
    assertThat(OAuthTokens.expiresAt(expiring(1893456000000L))).isEqualTo(1893456000000L);
    assertThat(OAuthTokens.expiresAt(new JsonObject())).isNull();
  }
}
