package io.ferry.engine.account;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContextSecretsTest {

  @Test
  @DisplayName("protected paths and password fields go to the secret half; join restores the context")
  void splitAndJoin() {
    JsonObject context = new JsonObject().put("subdomain", "acme").put("api_key", "k").put("pin", "1234")
        .put("oauth", new JsonObject().put("scope", "read").put("token", new JsonObject()
            .put("access_token", "a").put("refresh_token", "r").put("expires_at", "2030-01-01T00:00:00Z")));
    ContextSecrets.Split split = ContextSecrets.split(context, Set.of("pin"));
    assertThat(split.publicPart().encode()).doesNotContain("\"k\"").doesNotContain("1234").doesNotContain("\"a\"").contains("acme", "read", "2030");
    assertThat(ContextSecrets.join(split.publicPart(), split.secretPart())).isEqualTo(context);
    JsonObject masked = ContextSecrets.masked(split.publicPart(), split.secretPart());
    assertThat(masked.getString("api_key")).isEqualTo(ContextSecrets.MASK);
    assertThat(masked.getJsonObject("oauth").getJsonObject("token").getString("access_token")).isEqualTo(ContextSecrets.MASK);
  }
}
