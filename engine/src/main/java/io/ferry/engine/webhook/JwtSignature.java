package io.ferry.engine.webhook;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * {@code jwt}: a JWT in {@code Authorization} ({@code Bearer}/{@code JWT} scheme), in {@code config.header}, or in
 * the {@code jwt} query parameter. HS256 with a secret; RS256 and ES256 with {@code public_key} (PEM, SPKI). The
 * header's {@code alg} must be the configured one (no {@code none}, no algorithm switching); {@code exp}/{@code nbf}
 * checked with {@code leeway_seconds} (60); {@code issuer}/{@code audience} when configured.
 */
final class JwtSignature {
  private JwtSignature() {
  }

  static VerifyResult verify(JsonObject config, InboundRequest req, List<String> secrets, long nowMillis) {
    String token = token(config, req);
    if (token == null) {
      return VerifyResult.fail("no JWT in the request");
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return VerifyResult.fail("the JWT is malformed");
    }
    JsonObject header;
    JsonObject claims;
    byte[] signature;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (RuntimeException e) {
      return VerifyResult.fail("the JWT is malformed");
    }
    String alg = config.getString("algorithm", "HS256").toUpperCase();
    if (!alg.equals(header.getString("alg"))) {
      return VerifyResult.fail("the JWT algorithm is not " + alg);
    }
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    boolean valid = false;
    for (String secret : secrets) {
      valid |= switch (alg) {
        case "HS256" -> MessageDigest.isEqual(HmacSignature.mac("HmacSHA256", Secrets.key(secret, config), signed), signature);
        case "RS256" -> publicKeyCheck("RSA", "SHA256withRSA", secret, signed, signature);
        case "ES256" -> signature.length == 64 && publicKeyCheck("EC", "SHA256withECDSA", secret, signed, derOf(signature));
        default -> false;
      };
    }
    if (!valid) {
      return VerifyResult.fail("JWT signature does not match");
    }
    long leeway = config.getLong("leeway_seconds", 60L) * 1000;
    Long exp = claims.getLong("exp");
    Long nbf = claims.getLong("nbf");
    if (exp != null && nowMillis > exp * 1000 + leeway || nbf != null && nowMillis + leeway < nbf * 1000) {
      return VerifyResult.fail("the JWT is expired or not yet valid");
    }
    if (config.getString("issuer") != null && !config.getString("issuer").equals(claims.getString("iss"))) {
      return VerifyResult.fail("the JWT issuer does not match");
    }
    Object aud = claims.getValue("aud");
    String audience = config.getString("audience");
    if (audience != null && !(audience.equals(aud) || aud instanceof io.vertx.core.json.JsonArray a && a.contains(audience))) {
      return VerifyResult.fail("the JWT audience does not match");
    }
    return VerifyResult.pass(claims.getString("jti"));
  }

  private static String token(JsonObject config, InboundRequest req) {
    String header = config.getString("header");
    String v = header != null ? req.header(header) : req.header("authorization");
    if (v != null) {
      for (String scheme : new String[] {"Bearer ", "JWT "}) {
        if (v.regionMatches(true, 0, scheme, 0, scheme.length())) {
          return v.substring(scheme.length()).trim();
        }
      }
      return header != null ? v.trim() : null;
    }
    Object q = req.query().getValue("jwt");
    return q == null ? null : q.toString();
  }

  private static boolean publicKeyCheck(String keyType, String algorithm, String pem, byte[] signed, byte[] signature) {
    try {
      String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      PublicKey key = KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(signed);
      return s.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }

  /** JOSE ES256 signatures are r||s (32 bytes each); the JDK wants DER. */
  static byte[] derOf(byte[] rs) {
    byte[] r = integer(rs, 0);
    byte[] s = integer(rs, 32);
    byte[] out = new byte[2 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (r.length + s.length);
    System.arraycopy(r, 0, out, 2, r.length);
    System.arraycopy(s, 0, out, 2 + r.length, s.length);
    return out;
  }

  private static byte[] integer(byte[] rs, int offset) {
    int start = offset;
    while (start < offset + 31 && rs[start] == 0) {
      start++;
    }
    boolean pad = (rs[start] & 0x80) != 0;
    int len = offset + 32 - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + len];
    out[0] = 0x02;
    out[1] = (byte) len;
    System.arraycopy(rs, start, out, 2 + (pad ? 1 : 0), offset + 32 - start);
    return out;
  }
}
