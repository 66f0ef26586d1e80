package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truto's older {@code $convertNotionToMd(block)}: one Notion block to Markdown through {@code json2md}'s layout —
 * a paragraph is "\n" + text + "\n" (every line prefixed with a newline), list items " - x" / " 1. x" with a trailing
 * space, quotes "> x", headings "# x", links, images and code fences; text annotations are ignored.
 */
final class NotionToMd {
  private NotionToMd() {
  }

  static String convert(Object block) {
    NotionBlock parts = NotionBlock.of(block, NotionToMd::text);
    String type = parts.type();
    Map<?, ?> d = parts.data();
    List<Object> plain = parts.text();
    List<Object> caption = parts.caption();
    String joined = join(plain);
    return switch (type) {
      case "bookmark" -> block(link(d.get("url"), d.get("url")));
      case "bulleted_list_item" -> list(plain, false).strip() + " \n";
      case "numbered_list_item" -> list(plain, true).strip() + " \n";
      case "quote", "callout" -> block(lines(plain, "> "));
      case "code" -> block("```" + (Js.truthy(d.get("language")) ? Js.string(d.get("language")) : "") + "\n" + join(plain, "\n") + "\n```");
      case "divider" -> "--- \n";
      case "embed" -> block(link(caption.isEmpty() ? "Embed" : caption, d.get("url")));
      case "equation" -> paragraph(d.get("expression"));
      case "video", "pdf", "file" -> block(link(caption.isEmpty() ? "File" : caption, fileUrl(d)));
      case "heading_1", "heading_2", "heading_3", "heading_4", "heading_5", "heading_6" ->
          block("#".repeat(type.charAt(8) - '0') + " " + lines(plain, ""));
      case "image" -> {
        Object title = caption.isEmpty() ? "Image" : caption;
        yield block("![" + Js.string(title) + "](" + fileUrl(d) + " \"" + Js.string(title) + "\")");
      }
      case "table" -> paragraph("Tabular values as CSV");
      case "table_row" -> paragraph(tableRow(d.get("cells")));
      case "to_do" -> "- [" + (Js.truthy(d.get("checked")) ? "X" : " ") + "] " + joined + "\n";
      default -> paragraph(joined);
    };
  }

  private static Object text(Object x) {
    if (!Js.truthy(x) || !(x instanceof Map<?, ?> m)) {
      return null;
    }
    if (Js.truthy(m.get("href"))) {
      String href = Js.string(m.get("href"));
      return "[" + Js.string(m.get("plain_text")) + "](" + (href.startsWith("/") ? "https://www.notion.so" + href : href) + ")";
    }
    return m.get("plain_text");
  }

  /** json2md's {@code {ul: items}} / {@code {ol: items}}: "\n - item" each, continuation lines indented four spaces. */
  private static String list(List<Object> items, boolean ordered) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      String item = markdown(items.get(i));
      String[] parts = item.split("\n", -1);
      String indented = parts.length <= 1 ? item : parts[0] + "\n" + String.join("\n", java.util.Arrays.stream(parts).skip(1).map(p -> "    " + p).toList());
      sb.append(ordered ? "\n " + (i + 1) + ". " : "\n - ").append(textFormat(indented));
    }
    return sb.toString();
  }

  /** json2md of an array: each item's text with the prefix before every line, items on separate lines. */
  private static String lines(List<Object> items, String prefix) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(indent(markdown(i), prefix)));
    return String.join("\n", out);
  }

  private static String paragraph(Object text) {
    return block(textFormat(indent(markdown(text), "\n")));
  }

  private static String link(Object title, Object source) {
    return "[" + Js.string(title) + "](" + Js.string(source) + ")";
  }

  private static String block(String text) {
    return text + "\n";
  }

  /** json2md of a string or number; anything else is an object it cannot read. */
  private static String markdown(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number) {
      return Js.string(v);
    }
    if (Js.isNil(v)) {
      throw new IllegalArgumentException("Cannot convert undefined or null to object");
    }
    return "";
  }

  /** indento: the prefix at the start and after every JS line terminator, a trailing one included. */
  private static String indent(String s, String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    for (char c : s.toCharArray()) {
      sb.append(c);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        sb.append(prefix);
      }
    }
    return sb.toString();
  }

  private static String textFormat(String text) {
    return text.replaceAll("(?i)</?strong>", "**").replaceAll("(?i)</?bold>", "**").replaceAll("(?i)</?em>", "*")
        .replaceAll("(?i)</?italic>", "*").replaceAll("(?i)</?u>", "_").replaceAll("(?i)</?strike>", "~~");
  }

  private static String tableRow(Object cells) {
    List<Object> out = new ArrayList<>();
    if (cells instanceof List<?> l) {
      for (Object cell : l) {
        Object first = cell instanceof List<?> c && !c.isEmpty() ? c.get(0) : null;
        out.add(first instanceof Map<?, ?> m ? m.get("plain_text") : null);
      }
    }
    return join(out, ",");
  }

  private static String fileUrl(Map<?, ?> d) {
    if (Js.truthy(d.get("file"))) {
      return Js.string(Lodash.get(d.get("file"), "url"));
    }
    return Js.truthy(d.get("external")) ? Js.string(Lodash.get(d.get("external"), "url")) : "";
  }

  private static String join(List<Object> parts) {
    return join(parts, "");
  }

  private static String join(List<Object> parts, String separator) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(Js.isNil(parts.get(i)) ? "" : Js.string(parts.get(i)));
    }
    return sb.toString();
  }
}
