package io.ferry.engine.integration;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the integration definitions, one JSON config per file named {@code <integration-name>.json}: the catalog
 * bundled in the jar, overlaid by the configured directory (else {@code ./integrations} when present): a file there
 * adds an integration or replaces the bundled one of the same name. Blocking: call it from a worker.
 */
public final class IntegrationCatalog {

  /** One definition file: its name (file stem), where it came from, and its config. */
  public record Entry(String name, String source, JsonObject config) {
  }

  private IntegrationCatalog() {
  }

  public static List<Entry> load(String configuredDir, ConfigCheck check) {
    Path dir = configuredDir != null ? Path.of(configuredDir) : Path.of("integrations");
    if (configuredDir != null && !Files.isDirectory(dir)) {
      throw new IllegalStateException("FERRY_INTEGRATIONS_DIR " + dir + " is not a directory");
    }
    Map<String, Entry> byName = new TreeMap<>();
    bundled(check).forEach(e -> byName.put(e.name(), e));
    if (Files.isDirectory(dir)) {
      readDir(dir, dir.toString(), check).forEach(e -> byName.put(e.name(), e)); // same name: the directory wins
    }
    return List.copyOf(byName.values());
  }

  private static List<Entry> bundled(ConfigCheck check) {
    URL bundled = IntegrationCatalog.class.getClassLoader().getResource("integrations");
    if (bundled == null) {
      return List.of();
    }
    try {
      URI uri = bundled.toURI();
      if ("jar".equals(uri.getScheme())) {
        return io.ferry.engine.json.BundledFiles.read(uri, dir -> readDir(dir, "bundled:integrations", check));
      }
      return readDir(Path.of(uri), "bundled:integrations", check);
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the bundled integration catalog: " + e.getMessage(), e);
    }
  }

  private static List<Entry> readDir(Path dir, String where, ConfigCheck check) {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing(Path::toString)).toList()) {
        String fileName = file.getFileName().toString();
        String label = where + "/" + fileName;
        JsonObject config;
        try {
          config = new JsonObject(Files.readString(file));
        } catch (DecodeException e) {
          throw new IllegalStateException(label + ": not a JSON object: " + e.getMessage());
        }
        List<String> problems = check.problems(config);
        if (!problems.isEmpty()) {
          throw new IllegalStateException(label + ": invalid integration config: " + String.join("; ", problems));
        }
        entries.add(new Entry(fileName.substring(0, fileName.length() - ".json".length()), label, config));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read integrations from " + dir + ": " + e.getMessage(), e);
    }
    return entries;
  }
}
