package io.ferry.engine.connect;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The OAuth {@code state} parameter: {@code <state id>.<HMAC(id, link token id, integration)>}, so an edited state, or
 * one replayed on another integration's callback, fails before the store is asked. The PKCE verifier is derived from
 * the state id with the same key, so no verifier is ever stored.
 */
final class StateSigner {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key;

  StateSigner(byte[] key) {
    this.key = key.clone();
  }

  String sign(String stateId, String linkTokenId, String integration) {
    return stateId + "." + mac("state|" + stateId + "|" + linkTokenId + "|" + integration);
  }

  /** The state id when the signature is well-formed; binding to the stored row is checked by {@link #verifies}. */
  static String idOf(String state) {
    if (state == null) {
      return null;
    }
    int dot = state.indexOf('.');
    return dot <= 0 || dot == state.length() - 1 || state.length() > 200 ? null : state.substring(0, dot);
  }

  boolean verifies(String state, String linkTokenId, String integration) {
    String id = idOf(state);
    return id != null && MessageDigest.isEqual(sign(id, linkTokenId, integration).getBytes(StandardCharsets.US_ASCII),
        state.getBytes(StandardCharsets.US_ASCII));
  }

  /** RFC 7636 verifier: 43 characters of base64url. */
  String verifier(String stateId) {
    return mac("pkce|" + stateId);
  }

  static String challenge(String verifier) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
