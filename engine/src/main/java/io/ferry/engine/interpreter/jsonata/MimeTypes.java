package io.ferry.engine.interpreter.jsonata;

import java.util.Locale;
import java.util.Map;

/** {@code $getMimeType}: the media type of a file name or extension, from {@code jsonata/mime-types.tsv} (about 360 types). */
final class MimeTypes {
  private static final Map<String, String> TYPES = load();

  private MimeTypes() {
  }

  private static Map<String, String> load() {
    Map<String, String> types = new java.util.HashMap<>();
    try (var in = MimeTypes.class.getResourceAsStream("/jsonata/mime-types.tsv")) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split("\t");
        if (parts.length == 2 && !line.startsWith("#")) {
          types.put(parts[0], parts[1].strip());
        }
      }
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("jsonata/mime-types.tsv is missing from the classpath", e);
    }
    return Map.copyOf(types);
  }

  static Object of(String path) {
    if (path == null) {
      return Js.NULL;
    }
    String last = path.replaceAll("^.*[/\\\\]", "").toLowerCase(Locale.ROOT);
    String ext = last.replaceAll("^.*\\.", "");
    boolean hasPath = last.length() < path.length();
    boolean hasDot = ext.length() < last.length() - 1;
    if (!hasDot && hasPath) {
      return Js.NULL;
    }
    String t = TYPES.get(ext);
    return t == null ? Js.NULL : t;
  }
}
