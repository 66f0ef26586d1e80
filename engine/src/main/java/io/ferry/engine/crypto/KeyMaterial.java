package io.ferry.engine.crypto;

import io.ferry.engine.config.FerryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Loads the encryption key from options, or from (generating on first start) {@code <dataDir>/encryption.key}. */
public final class KeyMaterial {
  private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);

  private KeyMaterial() {
  }

  public static SecretBox secretBox(FerryOptions options) {
    if (options.encryptionKey() != null) {
      return SecretBox.of(decodeAll(options.encryptionKey(), "FERRY_ENCRYPTION_KEY"));
    }
    Path file = options.dataDir().resolve("encryption.key");
    try {
      if (Files.exists(file)) {
        return SecretBox.of(decodeAll(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
      }
      Files.createDirectories(options.dataDir());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = Files.createTempFile(options.dataDir(), "encryption", ".tmp");
      setOwnerOnly(tmp);
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      Files.move(tmp, file);
      LOG.info("Generated a new encryption key in {} (owner-only); back it up: without it stored secrets are lost", file);
      return SecretBox.of(key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the encryption key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }

  /** Several keys, newest first, separated by commas or new lines: the newest encrypts, any decrypts. */
  static java.util.List<byte[]> decodeAll(String list, String source) {
    java.util.List<byte[]> keys = new java.util.ArrayList<>();
    for (String part : list.split("[,\\s]+")) {
      if (!part.isBlank()) {
        keys.add(decode(part, source));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no key");
    }
    return keys;
  }

  private static byte[] decode(String base64, String source) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.trim());
      if (key.length != 32) {
        throw new IllegalArgumentException(source + " must be base64 of 32 bytes, got " + key.length + " bytes");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " must be base64 of 32 bytes: " + e.getMessage(), e);
    }
  }
}
