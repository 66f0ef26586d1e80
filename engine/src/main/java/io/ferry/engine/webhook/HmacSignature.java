package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code hmac}: HMAC (sha1/sha256/sha512) over {@code parts} concatenated, compared in constant time with the
 * signature in {@code header} (after {@code prefix}), hex or base64. Handles {@code k=v} signature headers
 * ({@code signature_format: kv}, Stripe style), several candidate signatures and several secrets (any match passes),
 * and an optional timestamp with a tolerance. Truto's {@code compare_with: "v0=$header.x"} and
 * {@code string_type} are read as {@code prefix}+{@code header} and {@code encoding}.
 */
final class HmacSignature {
  private HmacSignature() {
  }

  static VerifyResult verify(JsonObject config, InboundRequest req, List<String> secrets, long nowMillis) {
    String header = config.getString("header");
    String prefix = config.getString("prefix", "");
    String compareWith = config.getString("compare_with");
    if (compareWith != null && compareWith.contains("$header.")) {
      int at = compareWith.indexOf("$header.");
      prefix = compareWith.substring(0, at);
      header = compareWith.substring(at + "$header.".length());
    }
    if (header == null) {
      return VerifyResult.fail("signature_verification.config.header is not set");
    }
    String received = req.header(header);
    if (received == null || received.isEmpty()) {
      return VerifyResult.fail("the " + header + " header is missing");
    }
    JsonObject fields = null;
    List<String> candidates = new ArrayList<>();
    if ("kv".equals(config.getString("signature_format"))) {
      fields = new JsonObject();
      String key = config.getString("signature_key", "v1");
      for (String pair : received.split(config.getString("kv_separator", ","))) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          String k = pair.substring(0, eq).trim();
          String v = pair.substring(eq + 1).trim();
          if (k.equals(key)) {
            candidates.add(v);
          } else {
            fields.put(k, v);
          }
        }
      }
    } else {
      String separator = config.getString("signature_separator");
      for (String s : separator == null ? new String[] {received} : received.split(separator)) {
        String c = s.trim();
        if (!prefix.isEmpty()) {
          if (!c.regionMatches(true, 0, prefix, 0, prefix.length())) {
            continue;
          }
          c = c.substring(prefix.length());
        }
        candidates.add(c);
      }
    }
    VerifyResult window = Timestamps.check(config, req, fields, nowMillis);
    if (window != null) {
      return window;
    }
    Buffer signed = Buffer.buffer();
    JsonArray parts = config.getJsonArray("parts", new JsonArray().add("$body"));
    for (Object p : parts) {
      Buffer part = SignedParts.bytes(String.valueOf(p), req, fields);
      if (part == null) {
        return VerifyResult.fail("signed part " + p + " is missing from the request");
      }
      signed.appendBuffer(part);
    }
    String encoding = config.getString("encoding", config.getString("string_type", "hex"));
    String algorithm = macName(config.getString("algorithm", "sha256"));
    for (String secret : secrets) {
      byte[] expected = mac(algorithm, Secrets.key(secret, config), signed.getBytes());
      for (String candidate : candidates) {
        byte[] given = decode(candidate, encoding);
        if (given != null && MessageDigest.isEqual(expected, given)) {
          return VerifyResult.pass(SignedParts.text(config.getString("delivery_id"), req, fields));
        }
      }
    }
    return VerifyResult.fail(secrets.isEmpty() ? "no secret resolved for this account" : "signature does not match");
  }

  static String macName(String algorithm) {
    String a = algorithm.toLowerCase(Locale.ROOT).replace("hmac", "").replace("-", "").replace("_", "");
    return switch (a) {
      case "sha1" -> "HmacSHA1";
      case "sha512" -> "HmacSHA512";
      case "sha384" -> "HmacSHA384";
      default -> "HmacSHA256";
    };
  }

  static byte[] mac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] decode(String value, String encoding) {
    try {
      return switch (encoding) {
        case "base64" -> Base64.getDecoder().decode(Secrets.pad(value));
        case "base64url" -> Base64.getUrlDecoder().decode(Secrets.pad(value));
        default -> HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
