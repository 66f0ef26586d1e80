package io.ferry.engine.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Set;

/**
 * What the JSON Schema cannot say about {@code webhook.signature_verification}: the format (any case) and, per format,
 * the algorithm are ones the verifier knows, so a typo fails when the config is saved, not as 401s later.
 */
public final class WebhookConfigCheck {
  static final Set<String> FORMATS = Set.of("hmac", "hmac-sha1", "hmac-sha256", "hmac-sha512", "digest", "public_key", "any_of",
      "standard_webhooks", "svix", "clerk", "jwt", "basic", "bearer");
  static final Set<String> HASHES = Set.of("sha1", "sha256", "sha384", "sha512", "hmac-sha1", "hmac-sha256", "hmac-sha512",
      "hmacsha1", "hmacsha256", "hmacsha512");
  static final Set<String> JWT_ALGORITHMS = Set.of("HS256", "HS512", "RS256", "RS512", "PS256", "PS512", "ES256", "ES384");

  private WebhookConfigCheck() {
  }

  /** Failures as {@code [{pointer, reason}]}. */
  public static JsonArray failures(JsonObject config) {
    JsonArray out = new JsonArray();
    if (config.getValue("webhook") instanceof JsonObject w && w.getValue("signature_verification") instanceof JsonObject sv) {
      check(sv, "/webhook/signature_verification", out);
    }
    return out;
  }

  private static void check(JsonObject sv, String at, JsonArray out) {
    String format = String.valueOf(sv.getValue("format")).toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      out.add(fail(at + "/format", "must be one of " + String.join(", ", new java.util.TreeSet<>(FORMATS))));
      return;
    }
    JsonObject config = sv.getValue("config") instanceof JsonObject c ? c : new JsonObject();
    String algorithm = config.getString("algorithm");
    switch (format) {
      case "hmac", "digest" -> {
        if (algorithm != null && !HASHES.contains(algorithm.toLowerCase(Locale.ROOT))) {
          out.add(fail(at + "/config/algorithm", "must be sha1, sha256, sha384 or sha512"));
        }
      }
      case "public_key" -> {
        if (algorithm != null && !PublicKeys.known(algorithm)) {
          out.add(fail(at + "/config/algorithm", "must be ecdsa-sha256, ecdsa-sha384, rsa-sha256, rsa-sha512, rsa-pss-sha256, rsa-pss-sha512 or ed25519"));
        }
      }
      case "jwt" -> {
        if (algorithm != null && !JWT_ALGORITHMS.contains(algorithm.toUpperCase(Locale.ROOT))) {
          out.add(fail(at + "/config/algorithm", "must be one of " + String.join(", ", new java.util.TreeSet<>(JWT_ALGORITHMS))));
        }
      }
      case "any_of" -> {
        JsonArray schemes = config.getValue("schemes") instanceof JsonArray a ? a : new JsonArray();
        if (schemes.isEmpty()) {
          out.add(fail(at + "/config/schemes", "must list at least one {format, config}"));
        }
        for (int i = 0; i < schemes.size(); i++) {
          if (schemes.getValue(i) instanceof JsonObject s) {
            check(s, at + "/config/schemes/" + i, out);
          }
        }
      }
      default -> {
      }
    }
  }

  private static JsonObject fail(String pointer, String reason) {
    return new JsonObject().put("pointer", pointer).put("reason", reason);
  }
}
