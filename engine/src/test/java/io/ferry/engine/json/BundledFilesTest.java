package io.ferry.engine.json;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("bundled directories inside the jar")
class BundledFilesTest {

  @Test
  @DisplayName("two features read their bundled directories of the same jar at the same time")
  void readTogether(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("ferry.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : new String[] {"integrations/a.json", "unified/b.json"}) {
        out.putNextEntry(new ZipEntry(name));
        out.write("{}".getBytes());
        out.closeEntry();
      }
    }
    CountDownLatch bothOpen = new CountDownLatch(2);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readHolding(jar, "integrations", bothOpen));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> readHolding(jar, "unified", bothOpen));

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("a.json");
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("b.json");
  }

  /** Lists {@code sub} while the other reader has its directory open too. */
  static String readHolding(Path jar, String sub, CountDownLatch bothOpen) {
    try {
      return BundledFiles.read(URI.create("jar:" + jar.toUri() + "!/" + sub), p -> {
        bothOpen.countDown();
        try {
          assertThat(bothOpen.await(5, TimeUnit.SECONDS)).isTrue();
          try (var files = Files.list(p)) {
            return files.map(f -> f.getFileName().toString()).findFirst().orElseThrow();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
