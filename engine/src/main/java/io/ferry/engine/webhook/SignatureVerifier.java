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
      case "hmac", "hmac-sha256", "hmac-sha1", "hmac-sha512" -> HmacSignature.verify(HmacSignature.Scheme.HMAC,
          format.startsWith("hmac-") && !config.containsKey("algorithm") ? config.copy().put("algorithm", format.substring(5)) : config,
          req, secrets, data, nowMillis);
      case "digest" -> HmacSignature.verify(HmacSignature.Scheme.DIGEST, config, req, secrets, data, nowMillis);
      case "public_key" -> HmacSignature.verify(HmacSignature.Scheme.PUBLIC_KEY, config, req,
          Secrets.texts(config.getValue("public_key", config.getValue("secret")), data), data, nowMillis);
      case "any_of" -> anyOf(config, req, data, nowMillis);
      case "standard_webhooks", "svix", "clerk" -> StandardWebhooksSignature.verify(config, req, secrets, nowMillis);
      case "jwt" -> JwtSignature.verify(config, req, config.containsKey("public_key")
          ? Secrets.texts(config.getValue("public_key"), data) : secrets, nowMillis);
      case "basic" -> SharedSecretSignature.basic(req, Secrets.texts(config.getValue("username"), data),
          Secrets.texts(config.getValue("password"), data));
      case "bearer" -> SharedSecretSignature.bearer(config, req, Secrets.texts(config.getValue("token", config.getValue("secret")), data));
      default -> VerifyResult.fail("unknown signature format " + format);
    };
  }

  /** {@code any_of}: {@code config.schemes} is a list of signature_verification objects; the first that passes wins. */
  private static VerifyResult anyOf(JsonObject config, InboundRequest req, JsonObject data, long nowMillis) {
    VerifyResult last = VerifyResult.fail("any_of has no schemes");
    for (Object s : config.getJsonArray("schemes", new io.vertx.core.json.JsonArray())) {
      if (s instanceof JsonObject scheme && !"any_of".equals(scheme.getString("format"))) {
        last = verify(scheme, req, data, nowMillis);
        if (last.ok()) {
          return last;
        }
      }
    }
    return last;
  }
}
