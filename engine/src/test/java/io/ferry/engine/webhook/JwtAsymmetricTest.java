package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAsymmetricTest {

  static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
  }

  static String token(String alg, String javaAlg, KeyPair pair, boolean jose) throws Exception {
    String signed = URL.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes()) + "." + URL.encodeToString("{\"sub\":\"x\"}".getBytes());
    Signature s = Signature.getInstance(javaAlg);
    s.initSign(pair.getPrivate());
    s.update(signed.getBytes(StandardCharsets.US_ASCII));
    byte[] sig = s.sign();
    return signed + "." + URL.encodeToString(jose ? joseOf(sig) : sig);
  }

  /** DER ECDSA signature → JOSE r||s, as JWT libraries send it. */
  static byte[] joseOf(byte[] der) {
    int rLen = der[3];
    int sLen = der[5 + rLen];
    byte[] out = new byte[64];
    copy(der, 4, rLen, out, 0);
    copy(der, 6 + rLen, sLen, out, 32);
    return out;
  }

  private static void copy(byte[] der, int from, int len, byte[] out, int at) {
    int skip = Math.max(0, len - 32);
    System.arraycopy(der, from + skip, out, at + 32 - (len - skip), len - skip);
  }

  static InboundRequest request(String jwt) {
    return new InboundRequest("POST", "https://ferry.test/h", new JsonObject().put("authorization", "Bearer " + jwt),
        new JsonObject(), Buffer.buffer("{}"));
  }

  @Test
  @DisplayName("RS256 and ES256 JWTs verify with the configured public key; another key or an alg switch fails")
  void asymmetric() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = ecGen.generateKeyPair();
    KeyPair otherEc = ecGen.generateKeyPair();

    JsonObject rs = new JsonObject().put("format", "jwt").put("config", new JsonObject().put("algorithm", "RS256").put("public_key", pem(rsa)));
    JsonObject es = new JsonObject().put("format", "jwt").put("config", new JsonObject().put("algorithm", "ES256").put("public_key", pem(ec)));
    assertThat(SignatureVerifier.verify(rs, request(token("RS256", "SHA256withRSA", rsa, false)), new JsonObject(), 0).ok()).isTrue();
    assertThat(SignatureVerifier.verify(es, request(token("ES256", "SHA256withECDSA", ec, true)), new JsonObject(), 0).ok()).isTrue();
    assertThat(SignatureVerifier.verify(es, request(token("ES256", "SHA256withECDSA", otherEc, true)), new JsonObject(), 0).ok()).isFalse();
    assertThat(SignatureVerifier.verify(rs, request(token("ES256", "SHA256withECDSA", ec, true)), new JsonObject(), 0).ok())
        .as("algorithm switch").isFalse();
  }
}
