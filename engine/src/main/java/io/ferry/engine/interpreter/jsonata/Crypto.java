package io.ferry.engine.interpreter.jsonata;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** {@code $base64encode $base64decode $digest $sign} with WebCrypto's algorithm names and Truto's output formats. */
final class Crypto {
  private Crypto() {
  }

  static String base64encode(String text, boolean urlSafe) {
    String b = Base64.getEncoder().encodeToString((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    return urlSafe ? b.replace("=", "").replace('+', '-').replace('/', '_') : b;
  }

  static String base64decode(String text, boolean urlSafe) {
    String s = (text == null ? "undefined" : text).replaceAll("[\\t\\n\\f\\r ]", "");
    if (urlSafe) {
      s = s.replace('-', '+').replace('_', '/');
    }
    if (s.length() % 4 == 1 || !s.matches("[A-Za-z0-9+/]*={0,2}")) {
      throw new IllegalArgumentException("The string to be decoded is not correctly encoded.");
    }
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  static String digest(String text, String algorithm, String out) {
    try {
      String alg = algorithm.equalsIgnoreCase("md5") ? "MD5" : webCrypto(algorithm);
      return encode(MessageDigest.getInstance(alg).digest(bytes(text)), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  static String sign(String text, String algorithm, String secret, String out) {
    String alg = algorithm.trim().toUpperCase(Locale.ROOT);
    try {
      if (alg.equals("RS256")) {
        String pem = secret == null ? "" : secret.replace("\\n", "\n");
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
          throw new IllegalArgumentException("RS256 requires a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----|\\s", ""));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        s.update(bytes(text));
        return encode(s.sign(), out);
      }
      String mac = "Hmac" + webCrypto(alg.isEmpty() ? "SHA-256" : alg).replace("-", "");
      Mac m = Mac.getInstance(mac);
      m.init(new SecretKeySpec(bytes(secret), mac));
      return encode(m.doFinal(bytes(text)), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static byte[] bytes(String s) {
    return (s == null ? "undefined" : s).getBytes(StandardCharsets.UTF_8);
  }

  /** WebCrypto's names, matched case-insensitively: SHA-1, SHA-256, SHA-384, SHA-512. */
  private static String webCrypto(String alg) {
    String a = alg.toUpperCase(Locale.ROOT);
    return switch (a) {
      case "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> a;
      default -> throw new IllegalArgumentException("Unrecognized algorithm name");
    };
  }

  private static String encode(byte[] bytes, String out) {
    return switch (out) {
      case "hex" -> HexFormat.of().formatHex(bytes);
      case "base64" -> Base64.getEncoder().encodeToString(bytes);
      case "base64-urlSafe" -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      default -> null;
    };
  }
}
