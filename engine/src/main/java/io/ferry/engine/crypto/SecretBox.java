package io.ferry.engine.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * AES-256-GCM encryption of secrets at rest. Ciphertext is {@code v1:<keyId>:<base64(iv || ciphertext+tag)>}; the
 * key id lets a later key rotation decrypt old rows with the old key.
 */
public final class SecretBox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  /**
   * One cipher per thread, initialised per call with its own IV: a new instance per call looked the provider up and
   * expanded the AES key every time (a page of 100 accounts decrypts 100 credential blobs); the JDK's AES keeps the
   * expanded key while the key is unchanged.
   */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  private final String keyId;
  private final Map<String, SecretKeySpec> keys;

  private SecretBox(String keyId, Map<String, SecretKeySpec> keys) {
    this.keyId = keyId;
    this.keys = keys;
  }

  /** A box encrypting with {@code key} (32 bytes). */
  public static SecretBox of(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("encryption key must be 32 bytes, got " + key.length);
    }
    return of(java.util.List.of(key));
  }

  /**
   * A box encrypting with the first key (the newest) and decrypting with any of them: rotation configures the new key
   * first and keeps the old ones until {@code rotate-keys} has re-encrypted every row.
   */
  public static SecretBox of(java.util.List<byte[]> newestFirst) {
    if (newestFirst.isEmpty()) {
      throw new IllegalArgumentException("at least one encryption key is required");
    }
    Map<String, SecretKeySpec> keys = new java.util.LinkedHashMap<>();
    for (byte[] key : newestFirst) {
      if (key.length != 32) {
        throw new IllegalArgumentException("encryption key must be 32 bytes, got " + key.length);
      }
      keys.putIfAbsent(keyIdOf(key), new SecretKeySpec(key, "AES"));
    }
    return new SecretBox(keyIdOf(newestFirst.get(0)), Map.copyOf(keys));
  }

  /** The key id a ciphertext was sealed with, or null when it is not one of ours. */
  public static String keyIdOfSealed(String sealed) {
    String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
    return parts.length == 3 && "v1".equals(parts[0]) ? parts[1] : null;
  }

  /** Ciphertext sealed with an older key re-sealed with the newest; current ciphertext unchanged. */
  public String reseal(String sealed) {
    return keyId.equals(keyIdOfSealed(sealed)) ? sealed : encrypt(decrypt(sealed));
  }

  public static String keyIdOf(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return "k" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String keyId() {
    return keyId;
  }

  /** A separate key for another purpose (cursor signing, ...), derived from the current key: HMAC-SHA256(key, label). */
  public byte[] derive(String label) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.get(keyId).getEncoded(), "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String encrypt(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + ct.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(String sealed) {
    String[] parts = sealed.split(":", 3);
    if (parts.length != 3 || !"v1".equals(parts[0])) {
      throw new IllegalStateException("unrecognised ciphertext format");
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      throw new IllegalStateException("no encryption key with id " + parts[1] + " is configured");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(parts[1].getBytes(StandardCharsets.US_ASCII));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("decryption failed (wrong key or tampered data)", e);
    }
  }
}
