package io.ferry.engine.webhook;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code jwt}: a JWT in {@code Authorization} ({@code Bearer}/{@code JWT} scheme), in {@code config.header}, or in
 * the {@code jwt} query parameter, parsed by Nimbus JOSE+JWT. HS256 with a secret; RS/PS/ES with {@code public_key}
 * (PEM, base64 DER or JWK). The header's {@code alg} must be the configured one (no {@code none}, no algorithm
 * switching); {@code exp}/{@code nbf} checked with {@code leeway_seconds} (60); {@code issuer}/{@code audience} when
 * configured; {@code qsh: true} (Atlassian Connect) requires the {@code qsh} claim to be the hash of the canonical
 * request ({@link QueryStringHash}) relative to {@code base_url}.
 */
final class JwtSignature {
  private JwtSignature() {
  }

  static VerifyResult verify(JsonObject config, InboundRequest req, List<String> secrets, long nowMillis) {
    String token = token(config, req);
    if (token == null) {
      return VerifyResult.fail("no JWT in the request");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (Exception e) {
      return VerifyResult.fail("the JWT is malformed");
    }
    String alg = config.getString("algorithm", "HS256").toUpperCase();
    if (!JWSAlgorithm.parse(alg).equals(jwt.getHeader().getAlgorithm())) {
      return VerifyResult.fail("the JWT algorithm is not " + alg);
    }
    byte[] signed = jwt.getSigningInput();
    byte[] signature = jwt.getSignature().decode();
    boolean valid = false;
    for (String secret : secrets) {
      valid |= switch (alg) {
        // the JDK's MAC directly: Nimbus refuses HMAC keys under 256 bits, which providers' shared secrets can be
        case "HS256" -> MessageDigest.isEqual(HmacSignature.mac("HmacSHA256", Secrets.key(secret, config), signed), signature);
        case "HS512" -> MessageDigest.isEqual(HmacSignature.mac("HmacSHA512", Secrets.key(secret, config), signed), signature);
        case "RS256", "RS512", "PS256", "PS512" -> PublicKeys.verify(alg.toLowerCase(), "der", secret, signed, signature);
        case "ES256", "ES384" -> PublicKeys.verify(alg.toLowerCase(), "raw", secret, signed, signature);
        default -> false;
      };
    }
    if (!valid) {
      return VerifyResult.fail("JWT signature does not match");
    }
    long leeway = config.getLong("leeway_seconds", 60L) * 1000;
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    if (exp != null && nowMillis > exp.getTime() + leeway || nbf != null && nowMillis + leeway < nbf.getTime()) {
      return VerifyResult.fail("the JWT is expired or not yet valid");
    }
    if (config.getString("issuer") != null && !config.getString("issuer").equals(claims.getIssuer())) {
      return VerifyResult.fail("the JWT issuer does not match");
    }
    String audience = config.getString("audience");
    if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
      return VerifyResult.fail("the JWT audience does not match");
    }
    if (config.getBoolean("qsh", false)) {
      Object qsh = claims.getClaim("qsh");
      String expected = QueryStringHash.of(req.method(), req.url(), config.getString("base_url"));
      if (!(qsh instanceof String given) || !MessageDigest.isEqual(HexFormat.of().parseHex(expected),
          given.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(given) : new byte[0])) {
        return VerifyResult.fail("the JWT qsh does not match the request");
      }
    }
    return VerifyResult.pass(claims.getJWTID());
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
}
