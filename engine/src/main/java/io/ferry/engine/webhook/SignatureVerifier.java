package io.ferry.engine.webhook;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/** Dispatches {@code webhook.signature_verification} to its format; secrets are placeholders over the account data. */
public final class SignatureVerifier {
  private SignatureVerifier() {
  }

  public static VerifyResult verify(JsonObject signatureVerification, InboundRequest req, JsonObject data, long nowMillis) {
    if (signatureVerification == null) {
      return VerifyResult.pass(null);
    }
    JsonObject config = signatureVerification.getValue("config") instanceof JsonObject c ? c : new JsonObject();
    String format = signatureVerification.getString("format", "").toLowerCase(Locale.ROOT);
    List<String> secrets = Secrets.texts(config.getValue("secret", config.getValue("secrets")), data);
    return switch (format) {
      case "hmac", "hmac-sha256", "hmac-sha1", "hmac-sha512" -> HmacSignature.verify(
          format.startsWith("hmac-") && !config.containsKey("algorithm") ? config.copy().put("algorithm", format.substring(5)) : config,
          req, secrets, nowMillis);
      case "standard_webhooks", "svix", "clerk" -> StandardWebhooksSignature.verify(config, req, secrets, nowMillis);
      case "jwt" -> JwtSignature.verify(config, req, config.containsKey("public_key")
          ? Secrets.texts(config.getValue("public_key"), data) : secrets, nowMillis);
      case "basic" -> SharedSecretSignature.basic(req, Secrets.texts(config.getValue("username"), data),
          Secrets.texts(config.getValue("password"), data));
      case "bearer" -> SharedSecretSignature.bearer(config, req, Secrets.texts(config.getValue("token", config.getValue("secret")), data));
      default -> VerifyResult.fail("unknown signature format " + format);
    };
  }
}
