package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Truto's {@code $recursiveCharacterTextSplitter(text, options?)}: LangChain's RecursiveCharacterTextSplitter — split
 * on the first separator present ("\n\n", "\n", " ", then characters), keep the separator at the start of the next
 * piece, merge pieces up to {@code chunkSize} characters (UTF-16 units) with up to {@code chunkOverlap} carried over.
 */
final class TextSplitter {
  private final int chunkSize;
  private final int chunkOverlap;
  private final boolean keepSeparator;

  private TextSplitter(int chunkSize, int chunkOverlap, boolean keepSeparator) {
    this.chunkSize = chunkSize;
    this.chunkOverlap = chunkOverlap;
    this.keepSeparator = keepSeparator;
  }

  static List<Object> split(Object text, Object options) {
    Map<?, ?> o = options == null ? Map.of("chunkSize", 200L, "chunkOverlap", 60L) : options instanceof Map<?, ?> m ? m : Map.of();
    int size = Js.isNil(o.get("chunkSize")) ? 1000 : (int) Js.toNumber(o.get("chunkSize"));
    int overlap = Js.isNil(o.get("chunkOverlap")) ? 200 : (int) Js.toNumber(o.get("chunkOverlap"));
    if (overlap >= size) {
      throw new IllegalArgumentException("Cannot have chunkOverlap >= chunkSize");
    }
    List<String> separators = new ArrayList<>(List.of("\n\n", "\n", " ", ""));
    if (o.get("separators") instanceof List<?> l) {
      separators = l.stream().map(Js::string).toList();
    }
    boolean keep = Js.isNil(o.get("keepSeparator")) || Js.truthy(o.get("keepSeparator"));
    String input = text instanceof String s ? s
        : text instanceof Map<?, ?> && !(text instanceof NativeObject) || text instanceof List<?> ? Js.stringify(text, true, false)
        : Js.isNil(text) ? "" : Js.string(text);
    return new ArrayList<>(new TextSplitter(size, overlap, keep).split(input, separators));
  }

  private List<String> split(String text, List<String> separators) {
    List<String> chunks = new ArrayList<>();
    String separator = separators.get(separators.size() - 1);
    List<String> next = null;
    for (int i = 0; i < separators.size(); i++) {
      String s = separators.get(i);
      if (s.isEmpty()) {
        separator = s;
        break;
      }
      if (text.contains(s)) {
        separator = s;
        next = separators.subList(i + 1, separators.size());
        break;
      }
    }
    String joiner = keepSeparator ? "" : separator;
    List<String> good = new ArrayList<>();
    for (String s : splitOn(text, separator)) {
      if (s.length() < chunkSize) {
        good.add(s);
        continue;
      }
      if (!good.isEmpty()) {
        chunks.addAll(merge(good, joiner));
        good = new ArrayList<>();
      }
      chunks.addAll(next == null ? List.of(s) : split(s, next));
    }
    if (!good.isEmpty()) {
      chunks.addAll(merge(good, joiner));
    }
    return chunks;
  }

  private List<String> splitOn(String text, String separator) {
    List<String> parts = new ArrayList<>();
    if (separator.isEmpty()) {
      text.chars().forEach(c -> parts.add(String.valueOf((char) c)));
    } else if (keepSeparator) {
      parts.addAll(List.of(text.split("(?=" + Pattern.quote(separator) + ")", -1)));
    } else {
      parts.addAll(List.of(text.split(Pattern.quote(separator), -1)));
    }
    parts.removeIf(String::isEmpty);
    return parts;
  }

  private List<String> merge(List<String> splits, String separator) {
    List<String> docs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int total = 0;
    for (String d : splits) {
      int len = d.length();
      if (total + len + current.size() * separator.length() > chunkSize && !current.isEmpty()) {
        String doc = join(current, separator);
        if (doc != null) {
          docs.add(doc);
        }
        while (total > chunkOverlap || total + len + current.size() * separator.length() > chunkSize && total > 0) {
          total -= current.remove(0).length();
        }
      }
      current.add(d);
      total += len;
    }
    String doc = join(current, separator);
    if (doc != null) {
      docs.add(doc);
    }
    return docs;
  }

  private static String join(List<String> docs, String separator) {
    String text = jsTrim(String.join(separator, docs));
    return text.isEmpty() ? null : text;
  }

  /** {@code String.prototype.trim}: Unicode spaces and line terminators, the BOM too. */
  static String jsTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isJsSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isJsSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isJsSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }
}
