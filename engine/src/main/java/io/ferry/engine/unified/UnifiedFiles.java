package io.ferry.engine.unified;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
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
import java.util.stream.Stream;

/**
 * Reads the shipped unified models ({@code unified/<model>.json}) and their mappings
 * ({@code unified/<model>/<integration>.json}: {@code {<resource>: {<method>: mapping}}}) from the configured
 * directory, else {@code ./unified}, else the copy bundled in the jar. Every file is checked; a bad one fails the
 * start naming the file and the JSON pointer. Blocking: call it from a worker.
 */
public final class UnifiedFiles {

  /** One shipped mapping row. */
  public record Mapping(String model, String resource, String integration, String method, JsonObject config) {
  }

  /** Everything shipped. */
  public record Shipped(List<JsonObject> models, List<Mapping> mappings) {
  }

  private UnifiedFiles() {
  }

  public static Shipped load(String configuredDir) {
    Path dir = configuredDir != null ? Path.of(configuredDir) : Path.of("unified");
    if (configuredDir != null && !Files.isDirectory(dir)) {
      throw new IllegalStateException("FERRY_UNIFIED_DIR " + dir + " is not a directory");
    }
    if (Files.isDirectory(dir)) {
      return read(dir);
    }
    URL bundled = UnifiedFiles.class.getClassLoader().getResource("unified");
    if (bundled == null) {
      return new Shipped(List.of(), List.of());
    }
    try {
      URI uri = bundled.toURI();
      if ("jar".equals(uri.getScheme())) {
        return io.ferry.engine.json.BundledFiles.read(uri, UnifiedFiles::read);
      }
      return read(Path.of(uri));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the bundled unified models: " + e.getMessage(), e);
    }
  }

  static Shipped read(Path dir) {
    List<JsonObject> models = new ArrayList<>();
    List<Mapping> mappings = new ArrayList<>();
    for (Path file : list(dir)) {
      String stem = stem(file);
      if (stem == null) {
        continue;
      }
      String label = "unified/" + file.getFileName();
      JsonObject model = parse(file, label);
      JsonArray failures = UnifiedChecks.modelFailures(model);
      if (failures.isEmpty() && !stem.equals(model.getString("name"))) {
        failures.add(UnifiedChecks.failure("/name", "must equal the file name '" + stem + "'"));
      }
      fail(label, failures);
      models.add(model);
      Path sub = dir.resolve(stem);
      if (Files.isDirectory(sub)) {
        for (Path mf : list(sub)) {
          String integration = stem(mf);
          if (integration != null) {
            mappings.addAll(mappings(model, integration, parse(mf, label.replace(".json", "") + "/" + mf.getFileName()),
                "unified/" + stem + "/" + mf.getFileName()));
          }
        }
      }
    }
    return new Shipped(models, mappings);
  }

  private static List<Mapping> mappings(JsonObject model, String integration, JsonObject file, String label) {
    List<Mapping> out = new ArrayList<>();
    JsonObject resources = model.getJsonObject("resources");
    JsonArray failures = new JsonArray();
    file.forEach(r -> {
      String rp = "/" + UnifiedChecks.escape(r.getKey());
      if (!(resources.getValue(r.getKey()) instanceof JsonObject res)) {
        failures.add(UnifiedChecks.failure(rp, "model " + model.getString("name") + " has no resource " + r.getKey()));
      } else if (!(r.getValue() instanceof JsonObject methods)) {
        failures.add(UnifiedChecks.failure(rp, "must be an object of methods"));
      } else {
        methods.forEach(m -> {
          String mp = rp + "/" + UnifiedChecks.escape(m.getKey());
          if (!res.getJsonArray("methods").contains(m.getKey())) {
            failures.add(UnifiedChecks.failure(mp, "resource " + r.getKey() + " has no method " + m.getKey()));
          } else if (!(m.getValue() instanceof JsonObject config)) {
            failures.add(UnifiedChecks.failure(mp, "must be a mapping object"));
          } else {
            failures.addAll(UnifiedChecks.mappingFailures(config, mp));
            out.add(new Mapping(model.getString("name"), r.getKey(), integration, m.getKey(), config));
          }
        });
      }
    });
    fail(label, failures);
    return out;
  }

  private static void fail(String label, JsonArray failures) {
    if (!failures.isEmpty()) {
      List<String> lines = new ArrayList<>();
      failures.forEach(f -> lines.add(((JsonObject) f).getString("pointer") + ": " + ((JsonObject) f).getString("reason")));
      throw new IllegalStateException(label + ": invalid: " + String.join("; ", lines));
    }
  }

  private static JsonObject parse(Path file, String label) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (DecodeException | IOException e) {
      throw new IllegalStateException(label + ": not a JSON object: " + e.getMessage());
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && name.endsWith(".json") ? name.substring(0, name.length() - 5) : null;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }
}
