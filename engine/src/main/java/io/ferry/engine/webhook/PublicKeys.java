package io.ferry.engine.webhook;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code public_key} signatures: ECDSA P-256/P-384 ({@code ecdsa-sha256}, {@code ecdsa-sha384}; DER or raw r||s
 * signatures), RSA PKCS#1 v1.5 ({@code rsa-sha256}, {@code rsa-sha512}), RSA-PSS ({@code rsa-pss-sha256}) and
 * {@code ed25519}. Keys are PEM, base64 DER (SubjectPublicKeyInfo, SendGrid's form), a JWK (JSON), or a raw 32-byte
 * Ed25519 key in base64; parsed keys are cached.
 */
final class PublicKeys {
  private static final Cache<String, Optional<PublicKey>> CACHE = Caches.builder().maximumSize(10_000).build();
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow. */
  private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private PublicKeys() {
  }

  static boolean verify(String algorithm, String signatureFormat, String keyText, byte[] signed, byte[] signature) {
    String alg = algorithm.toLowerCase(Locale.ROOT);
    Optional<PublicKey> key = CACHE.get(keyType(alg) + "|" + keyText, k -> Optional.ofNullable(parse(keyText, keyType(alg))));
    if (key.isEmpty()) {
      return false;
    }
    try {
      Signature s = signer(alg, signatureFormat);
      s.initVerify(key.get());
      s.update(signed);
      return s.verify(signature);
    } catch (Exception e) {
      return false; // a malformed signature is a failed one
    }
  }

  static boolean known(String algorithm) {
    try {
      signer(algorithm.toLowerCase(Locale.ROOT), "der");
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String keyType(String alg) {
    return alg.startsWith("ecdsa") || alg.startsWith("es") ? "EC" : alg.startsWith("ed25519") || alg.equals("eddsa") ? "Ed25519" : "RSA";
  }

  private static Signature signer(String alg, String format) throws Exception {
    boolean raw = "raw".equalsIgnoreCase(format) || "p1363".equalsIgnoreCase(format);
    return switch (alg) {
      case "ecdsa-sha256", "ecdsa-p256-sha256", "es256" -> Signature.getInstance(raw ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
      case "ecdsa-sha384", "ecdsa-p384-sha384", "es384" -> Signature.getInstance(raw ? "SHA384withECDSAinP1363Format" : "SHA384withECDSA");
      case "rsa-sha256", "rs256" -> Signature.getInstance("SHA256withRSA");
      case "rsa-sha512", "rs512" -> Signature.getInstance("SHA512withRSA");
      case "rsa-sha1" -> Signature.getInstance("SHA1withRSA");
      case "rsa-pss-sha256", "ps256" -> pss("SHA-256", 32);
      case "rsa-pss-sha512", "ps512" -> pss("SHA-512", 64);
      case "ed25519", "eddsa" -> Signature.getInstance("Ed25519");
      default -> throw new IllegalArgumentException("unknown public_key algorithm " + alg);
    };
  }

  private static Signature pss(String hash, int salt) throws Exception {
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
    return s;
  }

  private static PublicKey parse(String text, String type) {
    try {
      String t = text.trim();
      if (t.startsWith("{")) {
        JWK jwk = JWK.parse(t);
        if (jwk instanceof OctetKeyPair okp) {
          return ed25519(okp.getX().decode());
        }
        return switch (jwk.getKeyType().getValue()) {
          case "EC" -> jwk.toECKey().toPublicKey();
          case "RSA" -> jwk.toRSAKey().toPublicKey();
          default -> null;
        };
      }
      byte[] der = Base64.getMimeDecoder().decode(t.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
      if ("Ed25519".equals(type) && der.length == 32) {
        return ed25519(der);
      }
      return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
    } catch (Exception e) {
      return null;
    }
  }

  private static PublicKey ed25519(byte[] raw) throws Exception {
    byte[] spki = new byte[ED25519_SPKI.length + raw.length];
    System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
