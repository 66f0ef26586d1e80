package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * {@code standard_webhooks} (Standard Webhooks, Svix, Clerk): HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64 key after {@code whsec_}; {@code webhook-*} or {@code svix-*} headers; the signature header is a
 * space-separated list of {@code v1,<base64>} (rotation: any match passes, other versions skipped); 5 minutes both ways.
 */
final class StandardWebhooksSignature {
  private StandardWebhooksSignature() {
  }

  static VerifyResult verify(JsonObject config, InboundRequest req, List<String> secrets, long nowMillis) {
    String id = first(req, "webhook-id", "svix-id");
    String ts = first(req, "webhook-timestamp", "svix-timestamp");
    String sigs = first(req, "webhook-signature", "svix-signature");
    if (id == null || ts == null || sigs == null) {
      return VerifyResult.fail("webhook-id, webhook-timestamp or webhook-signature is missing");
    }
    Long at = Timestamps.millis(ts, "s");
    long tolerance = config.getLong("tolerance_seconds", Timestamps.DEFAULT_TOLERANCE_SECONDS) * 1000;
    if (at == null || Math.abs(nowMillis - at) > tolerance) {
      return VerifyResult.fail("the signed timestamp is outside the replay window");
    }
    byte[] signed = Buffer.buffer(id + "." + ts + ".").appendBuffer(req.body()).getBytes();
    for (String secret : secrets) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(Secrets.pad(secret.startsWith("whsec_") ? secret.substring(6) : secret));
      } catch (IllegalArgumentException e) {
        continue;
      }
      byte[] expected = HmacSignature.mac("HmacSHA256", key, signed);
      for (String entry : sigs.trim().split("\\s+")) {
        int comma = entry.indexOf(',');
        if (comma > 0 && entry.substring(0, comma).equals("v1")) {
          byte[] given = HmacSignature.decode(entry.substring(comma + 1), "base64");
          if (given != null && MessageDigest.isEqual(expected, given)) {
            return VerifyResult.pass(id);
          }
        }
      }
    }
    return VerifyResult.fail("signature does not match");
  }

  private static String first(InboundRequest req, String a, String b) {
    String v = req.header(a);
    return v != null ? v : req.header(b);
  }
}
