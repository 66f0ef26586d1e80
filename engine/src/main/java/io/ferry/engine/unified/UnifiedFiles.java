package io.ferry.engine.unified;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the unified models ({@code <model>.json}) and their mappings ({@code <model>/<integration>.json}:
 * {@code {<resource>: {<method>: mapping}}}): the set bundled in the jar, overlaid by the configured directory
 * ({@code FERRY_UNIFIED_DIR}), else by {@code ./unified} when present. As with integrations, a file of the same name
 * wins: a model file replaces the bundled model, a mapping file the bundled mappings of that model and integration;
 * other files are added. Every file is checked against the model it ends up with; a bad one fails the start naming
 * the file and the JSON pointer. Blocking: call it from a worker.
 */
public final class UnifiedFiles {

  /** One shipped mapping row. */
  public record Mapping(String model, String resource, String integration, String method, JsonObject config) {
  }

  /** Everything shipped. */
  public record Shipped(List<JsonObject> models, List<Mapping> mappings) {
  }

  /** One file's text and the name it is reported by. */
  private record Source(String label, String text) {
  }

  /** Files by model name, and mapping files by model then integration. */
  private record Found(Map<String, Source> models, Map<String, Map<String, Source>> mappings) {
  }

  private UnifiedFiles() {
  }

  public static Shipped load(String configuredDir) {
    Path dir = configuredDir != null ? Path.of(configuredDir) : Path.of("unified");
    if (configuredDir != null && !Files.isDirectory(dir)) {
      throw new IllegalStateException("FERRY_UNIFIED_DIR " + dir + " is not a directory");
    }
    Found all = new Found(new TreeMap<>(), new TreeMap<>());
    bundled(all);
    if (Files.isDirectory(dir)) {
      collect(dir, dir.toString(), all); // same name: the directory wins
    }
    return check(all);
  }

  private static void bundled(Found into) {
    URL bundled = UnifiedFiles.class.getClassLoader().getResource("unified");
    if (bundled == null) {
      return;
    }
    try {
      URI uri = bundled.toURI();
      if ("jar".equals(uri.getScheme())) {
        // one shared opening of the jar: the integration catalog may be reading it at the same moment
        io.ferry.engine.json.BundledFiles.read(uri, root -> {
          collect(root, "unified", into);
          return null;
        });
      } else {
        collect(Path.of(uri), "unified", into);
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the bundled unified models: " + e.getMessage(), e);
    }
  }

  private static void collect(Path dir, String where, Found into) {
    for (Path file : list(dir)) {
      String name = file.getFileName().toString();
      String stem = stem(file);
      if (stem != null) {
        into.models().put(stem, new Source(where + "/" + name, read(file)));
      } else if (Files.isDirectory(file)) {
        for (Path mf : list(file)) {
          String integration = stem(mf);
          if (integration != null) {
            into.mappings().computeIfAbsent(name, k -> new TreeMap<>())
                .put(integration, new Source(where + "/" + name + "/" + mf.getFileName(), read(mf)));
          }
        }
      }
    }
  }

  private static Shipped check(Found all) {
    List<JsonObject> models = new ArrayList<>();
    List<Mapping> mappings = new ArrayList<>();
    all.mappings().forEach((model, files) -> {
      if (!all.models().containsKey(model)) {
        throw new IllegalStateException(files.values().iterator().next().label() + ": no unified model named " + model
            + "; models: " + String.join(", ", all.models().keySet()));
      }
    });
    all.models().forEach((stem, source) -> {
      JsonObject model = parse(source);
      JsonArray failures = UnifiedChecks.modelFailures(model);
      if (failures.isEmpty() && !stem.equals(model.getString("name"))) {
        failures.add(UnifiedChecks.failure("/name", "must equal the file name '" + stem + "'"));
      }
      fail(source.label(), failures);
      models.add(model);
      all.mappings().getOrDefault(stem, Map.of()).forEach((integration, file) ->
          mappings.addAll(mappings(model, integration, parse(file), file.label())));
    });
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

  private static JsonObject parse(Source source) {
    try {
      return new JsonObject(source.text());
    } catch (DecodeException e) {
      throw new IllegalStateException(source.label() + ": not a JSON object: " + e.getMessage());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
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
