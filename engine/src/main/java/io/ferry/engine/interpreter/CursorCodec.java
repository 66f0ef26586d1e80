package io.ferry.engine.interpreter;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Ferry's opaque {@code next_cursor}: the pagination state, bound to the account, resource and method it came from,
 * authenticated with HMAC-SHA256 under a server key. A cursor edited by hand, or replayed against another account or
 * resource, is refused with a 400.
 */
public final class CursorCodec {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();
  private final byte[] key;

  public CursorCodec(byte[] key) {
    this.key = key.clone();
  }

  public String encode(String binding, JsonObject state) {
    String payload = ENC.encodeToString(state.toBuffer().getBytes());
    return payload + "." + ENC.encodeToString(mac(binding, payload));
  }

  public JsonObject decode(String binding, String cursor) {
    int dot = cursor == null ? -1 : cursor.lastIndexOf('.');
    if (dot <= 0) {
      throw invalid();
    }
    String payload = cursor.substring(0, dot);
    byte[] given;
    try {
      given = DEC.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(given, mac(binding, payload))) {
      throw invalid();
    }
    try {
      return new JsonObject(new String(DEC.decode(payload), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static FerryFailure invalid() {
    return FerryFailure.invalid("/next_cursor", "is not a cursor Ferry issued for this account and resource");
  }

  private byte[] mac(String binding, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(binding.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
