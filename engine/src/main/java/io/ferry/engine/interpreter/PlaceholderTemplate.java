package io.ferry.engine.interpreter;

import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.cache.Caches;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code {{...}}} template parsed once (config strings repeat on every call): its literal text and placeholders in
 * order, each placeholder's fallbacks already split into path keys, cast and default. Parsed templates are kept.
 */
final class PlaceholderTemplate {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([\\w\\-./|:?\\s]+)}}");
  static final Set<String> TYPES = Set.of("str", "int", "num", "bool", "json", "null", "undefined", "ignore-empty-str", "any");
  private static final Cache<String, PlaceholderTemplate> PARSED = Caches.builder().maximumSize(20_000).build();

  /** Literal text ({@code String}) and placeholders ({@link Slot}), in order. */
  final List<Object> parts;
  /** The whole string is one placeholder: its value keeps its own type. */
  final boolean whole;
  final boolean hasSlots;

  /** One placeholder: its source text (kept when unresolved), fallbacks in order, and the last one's cast. */
  record Slot(String source, String expression, Option[] options, String lastType) {
  }

  /** One fallback: path keys (with array indices pre-read), cast, default literal; an unknown cast is an error. */
  record Option(String[] keys, int[] indices, String type, String defaultLiteral, String error) {
  }

  private PlaceholderTemplate(List<Object> parts, boolean whole) {
    this.parts = parts;
    this.whole = whole;
    this.hasSlots = parts.stream().anyMatch(p -> p instanceof Slot);
  }

  static PlaceholderTemplate of(String s) {
    return PARSED.get(s, PlaceholderTemplate::parse);
  }

  private static PlaceholderTemplate parse(String s) {
    Matcher m = PLACEHOLDER.matcher(s);
    if (m.matches()) {
      return new PlaceholderTemplate(List.of(slot(m.group(), m.group(1))), true);
    }
    m.reset();
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(s.substring(at, m.start()));
      }
      parts.add(slot(m.group(), m.group(1)));
      at = m.end();
    }
    if (at < s.length()) {
      parts.add(s.substring(at));
    }
    return new PlaceholderTemplate(List.copyOf(parts), false);
  }

  private static Slot slot(String source, String expression) {
    String[] raw = expression.trim().split("\\|");
    Option[] options = new Option[raw.length];
    String lastType = null;
    for (int i = 0; i < raw.length; i++) {
      String option = raw[i].trim();
      String defaultLiteral = null;
      int elvis = option.indexOf("?:");
      if (elvis >= 0) {
        defaultLiteral = option.substring(elvis + 2);
        option = option.substring(0, elvis);
      }
      String path = option;
      String type = null;
      int colon = option.lastIndexOf(':');
      if (colon > 0) {
        path = option.substring(0, colon);
        type = option.substring(colon + 1);
      }
      if (defaultLiteral != null) {
        int dColon = defaultLiteral.lastIndexOf(':');
        if (dColon > 0 && TYPES.contains(defaultLiteral.substring(dColon + 1))) {
          type = defaultLiteral.substring(dColon + 1);
          defaultLiteral = defaultLiteral.substring(0, dColon);
        }
      }
      String error = type != null && !TYPES.contains(type)
          ? "placeholder {{" + expression + "}} has unknown type :" + type : null;
      String[] keys = path.trim().split("\\.");
      int[] indices = new int[keys.length];
      for (int k = 0; k < keys.length; k++) {
        indices[k] = !keys[k].isEmpty() && keys[k].length() < 10 && keys[k].chars().allMatch(Character::isDigit)
            ? Integer.parseInt(keys[k]) : -1;
      }
      options[i] = new Option(keys, indices, type, defaultLiteral, error);
      if (error == null) {
        lastType = type;
      }
    }
    return new Slot(source, expression, options, lastType);
  }
}
