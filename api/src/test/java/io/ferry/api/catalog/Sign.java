package io.ferry.api.catalog;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** HMAC helpers the simulators use to sign webhooks the way each provider documents. */
final class Sign {
  private Sign() {
  }

  static byte[] hmac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex256(String secret, String data) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", secret, data));
  }

  static String b64256(String secret, String data) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, data));
  }

  static String hexSha1(String secret, String data) {
    return HexFormat.of().formatHex(hmac("HmacSHA1", secret, data));
  }
}
