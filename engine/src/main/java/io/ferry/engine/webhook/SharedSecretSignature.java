package io.ferry.engine.webhook;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * {@code basic} (username/password in {@code Authorization: Basic}) and {@code bearer} (a static token in
 * {@code Authorization: Bearer}, the raw value of {@code config.header}, or wherever the {@code config.value} token
 * points, e.g. {@code $body.value.0.clientState}); constant-time compare.
 */
final class SharedSecretSignature {
  private SharedSecretSignature() {
  }

  static VerifyResult basic(InboundRequest req, List<String> usernames, List<String> passwords) {
    String auth = req.header("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return VerifyResult.fail("Authorization: Basic is missing");
    }
    for (String u : usernames) {
      for (String p : passwords.isEmpty() ? List.of("") : passwords) {
        String expected = Base64.getEncoder().encodeToString((u + ":" + p).getBytes(StandardCharsets.UTF_8));
        if (equal(expected, auth.substring(6).trim())) {
          return VerifyResult.pass(null);
        }
      }
    }
    return VerifyResult.fail("credentials do not match");
  }

  static VerifyResult bearer(JsonObject config, InboundRequest req, List<String> tokens) {
    String header = config.getString("header");
    String given;
    if (config.getString("value") != null) {
      // the shared token sits elsewhere: a body field (Graph's clientState) or a query parameter
      given = SignedParts.text(config.getString("value"), req, null);
    } else if (header != null) {
      given = req.header(header);
    } else {
      String auth = req.header("authorization");
      given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }
    if (given == null) {
      return VerifyResult.fail("the token is missing");
    }
    for (String t : tokens) {
      if (equal(t, given)) {
        return VerifyResult.pass(null);
      }
    }
    return VerifyResult.fail("token does not match");
  }

  static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
