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
 * Signatures over {@code parts} concatenated, compared with the signature in {@code header} (after {@code prefix}),
 * hex or base64: {@code hmac} (HMAC-SHA1/256/512 keyed with the secret), {@code digest} (a plain SHA-1/256/512 hash
 * of parts that include {@code $secret}, HubSpot v1/v2) and {@code public_key} (see {@link PublicKeys}). Handles
 * {@code k=v} signature headers ({@code signature_format: kv}, Stripe style), several candidate signatures and
 * secrets (any match passes), a timestamp with a tolerance, a {@code body_hash} check (Twilio's {@code bodySHA256})
 * and several forms of {@code $url} ({@link SignedUrls}). Truto's {@code compare_with: "v0=$header.x"} and
 * {@code string_type} are read as {@code prefix}+{@code header} and {@code encoding}.
 */
final class HmacSignature {
  enum Scheme { HMAC, DIGEST, PUBLIC_KEY }

  private HmacSignature() {
  }

  static VerifyResult verify(JsonObject config, InboundRequest req, List<String> secrets, long nowMillis) {
    return verify(Scheme.HMAC, config, req, secrets, null, nowMillis);
  }

  static VerifyResult verify(Scheme scheme, JsonObject config, InboundRequest req, List<String> secrets, JsonObject data,
                             long nowMillis) {
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
    VerifyResult bodyHash = bodyHash(config, req);
    if (bodyHash != null) {
      return bodyHash;
    }
    String encoding = config.getString("encoding", config.getString("string_type", "hex"));
    String algorithm = config.getString("algorithm", scheme == Scheme.PUBLIC_KEY ? "ecdsa-sha256" : "sha256");
    JsonArray parts = config.getJsonArray("parts", new JsonArray().add("$body"));
    for (String url : SignedUrls.variants(req.url(), config)) {
      for (String secret : secrets) {
        Buffer signed = Buffer.buffer();
        SignedParts.Scope scope = new SignedParts.Scope(req, fields, data, url, secret);
        for (Object p : parts) {
          Buffer part = SignedParts.bytes(String.valueOf(p), scope);
          if (part == null) {
            return VerifyResult.fail("signed part " + p + " is missing from the request");
          }
          signed.appendBuffer(part);
        }
        byte[] expected = switch (scheme) {
          case HMAC -> mac(macName(algorithm), Secrets.key(secret, config), signed.getBytes());
          case DIGEST -> digest(algorithm, signed.getBytes());
          case PUBLIC_KEY -> null;
        };
        for (String candidate : candidates) {
          byte[] given = decode(candidate, encoding);
          boolean match = given != null && (expected != null ? MessageDigest.isEqual(expected, given)
              : PublicKeys.verify(algorithm, config.getString("signature_format", "der"), secret, signed.getBytes(), given));
          if (match) {
            return VerifyResult.pass(SignedParts.text(config.getString("delivery_id"), req, fields));
          }
        }
      }
    }
    return VerifyResult.fail(secrets.isEmpty() ? "no secret or key resolved for this account" : "signature does not match");
  }

  /** {@code body_hash: {query|header, algorithm, encoding, required}}: a hash of the raw body the signature covers indirectly. */
  private static VerifyResult bodyHash(JsonObject config, InboundRequest req) {
    if (!(config.getValue("body_hash") instanceof JsonObject bh)) {
      return null;
    }
    String given = bh.getString("query") != null ? SignedParts.text("$query." + bh.getString("query"), req, null)
        : SignedParts.text("$header." + bh.getString("header", ""), req, null);
    if (given == null) {
      return bh.getBoolean("required", false) ? VerifyResult.fail("the body hash is missing") : null;
    }
    byte[] expected = digest(bh.getString("algorithm", "sha256"), req.body().getBytes());
    byte[] decoded = decode(given, bh.getString("encoding", "hex"));
    return decoded != null && MessageDigest.isEqual(expected, decoded) ? null : VerifyResult.fail("the body hash does not match");
  }

  static byte[] digest(String algorithm, byte[] data) {
    String a = algorithm.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    try {
      return MessageDigest.getInstance(switch (a) {
        case "sha1" -> "SHA-1";
        case "sha512" -> "SHA-512";
        case "sha384" -> "SHA-384";
        default -> "SHA-256";
      }).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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
