package io.ferry.engine.json;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Opens a directory shipped inside Ferry's jar. Each call gets a zip file system of its own (opened from the jar's path,
 * not its URI): URI-opened zip file systems are registered once per jar, so two features reading their bundled
 * files at the same time (they start together) failed with FileSystemAlreadyExistsException.
 */
public final class BundledFiles {
  private BundledFiles() {
  }

  /** What {@code read} makes of the bundled directory {@code jarUri} ({@code jar:file:/...!/dir}) names. */
  public static <T> T read(URI jarUri, java.util.function.Function<Path, T> read) throws IOException {
    String spec = jarUri.getSchemeSpecificPart();
    int bang = spec.indexOf("!/");
    Path jar = Path.of(URI.create(spec.substring(0, bang)));
    try (FileSystem fs = FileSystems.newFileSystem(jar)) {
      return read.apply(fs.getPath(spec.substring(bang + 2)));
    }
  }
}
