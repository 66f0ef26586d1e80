package io.ferry.engine.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The reason for a field a schema does not know, naming the nearest known field ({@code token_url} → did you mean
 * {@code tokenPath}?) and the fields that are known there, so a typo in a config is fixed at save time.
 */
final class KnownFields {
  private KnownFields() {
  }

  /** Null when the field is known there after all (the validator also reports known fields whose value failed). */
  static String unknown(JsonObject schema, String absoluteKeywordLocation, String keywordLocation, String pointer) {
    String field = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    List<String> known = known(schema, absoluteKeywordLocation != null ? absoluteKeywordLocation : keywordLocation);
    if (known.isEmpty()) {
      return "is not a known field";
    }
    if (known.contains(field)) {
      return null;
    }
    String nearest = nearest(field, known);
    return "is not a known field" + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
        + " (known here: " + String.join(", ", known) + ")";
  }

  /** The property names (or the propertyNames enum) of the schema object the failing keyword belongs to. */
  private static List<String> known(JsonObject schema, String location) {
    int hash = location.indexOf('#');
    String fragment = hash >= 0 ? location.substring(hash + 1) : location;
    boolean names = fragment.endsWith("/propertyNames") || fragment.contains("/propertyNames/");
    String parent = fragment.replaceAll("/(additionalProperties|propertyNames)(/.*)?$", "");
    Object node = schema;
    for (String segment : parent.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!(node instanceof JsonObject o)) {
        return List.of();
      }
      node = o.getValue(segment.replace("~1", "/").replace("~0", "~"));
    }
    if (!(node instanceof JsonObject o)) {
      return List.of();
    }
    TreeSet<String> out = new TreeSet<>();
    if (names && o.getValue("propertyNames") instanceof JsonObject pn && pn.getValue("enum") instanceof JsonArray e) {
      e.forEach(v -> out.add(String.valueOf(v)));
    } else if (o.getValue("properties") instanceof JsonObject props) {
      out.addAll(props.fieldNames());
    }
    return new ArrayList<>(out);
  }

  /** The known name closest by edit distance (case and {@code _}/{@code -} ignored), when close enough to be a typo. */
  static String nearest(String field, List<String> known) {
    String f = norm(field);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(f, norm(k));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, f.length() / 2) ? best : null;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
