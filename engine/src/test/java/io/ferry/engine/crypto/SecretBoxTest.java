package io.ferry.engine.crypto;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

  static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  @Test
  @DisplayName("encrypts to a fresh ciphertext each time and decrypts back")
  void roundTrip() {
    SecretBox box = SecretBox.of(key());
    String a = box.encrypt("{\"api_key\":\"k\"}");
    String b = box.encrypt("{\"api_key\":\"k\"}");
    assertThat(a).isNotEqualTo(b).startsWith("v1:" + box.keyId() + ":").doesNotContain("api_key");
    assertThat(box.decrypt(a)).isEqualTo("{\"api_key\":\"k\"}");
  }

  @Test
  @DisplayName("a tampered ciphertext or a different key fails to decrypt")
  void tamperAndWrongKey() {
    SecretBox box = SecretBox.of(key());
    String sealed = box.encrypt("secret");
    char last = sealed.charAt(sealed.length() - 2);
    String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SecretBox.of(key()).decrypt(sealed)).hasMessageContaining("no encryption key");
  }

  @Test
  @DisplayName("boxes of different keys, a failed decryption between, and many threads at once share each thread's cipher safely")
  void sharedCipherPerThread() throws Exception {
    SecretBox one = SecretBox.of(key());
    SecretBox two = SecretBox.of(key());
    String a = one.encrypt("from one");
    String b = two.encrypt("from two");
    String tampered = a.substring(0, a.length() - 3) + (a.charAt(a.length() - 3) == 'A' ? 'B' : 'A') + a.substring(a.length() - 2);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Boolean>>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> {
          for (int i = 0; i < 2_000; i++) {
            assertThat(one.decrypt(a)).isEqualTo("from one");
            assertThatThrownBy(() -> one.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
            assertThat(two.decrypt(b)).isEqualTo("from two");
            assertThat(one.decrypt(one.encrypt("again " + i))).isEqualTo("again " + i);
          }
          return true;
        });
      }
      for (var f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
