package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Truto's {@code $convertNotionToMarkdown(blocks, linkChildPages?)}: Notion blocks (flat, children found by
 * {@code parent_id}) to Markdown, with Truto's conventions (an empty paragraph after each run of list items,
 * numbered items counted per run, tabs for nesting). JS template semantics: a missing value prints "undefined".
 */
final class NotionToMarkdown {
  private static final Set<String> LISTS = Set.of("to_do", "numbered_list_item", "bulleted_list_item");
  private static final String N = "\n\n";

  private NotionToMarkdown() {
  }

  static String convert(Object blocks, boolean linkChildPages) {
    List<Object> all = withParagraphsAfterLists(Lodash.castArray(blocks));
    List<Object> parents = new ArrayList<>();
    for (Object b : all) {
      Object parentType = Lodash.get(b, "parent.type");
      if (!"block_id".equals(parentType)) {
        parents.add(resolveChildren(b, all));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Object b : numberLists(parents)) {
      sb.append(toMd(b, 1, linkChildPages));
    }
    return sb.toString();
  }

  private static List<Object> withParagraphsAfterLists(List<Object> blocks) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Object b = blocks.get(i);
      out.add(b);
      Object next = i + 1 < blocks.size() ? type(blocks.get(i + 1)) : null;
      if (LISTS.contains(type(b)) && !LISTS.contains(next)) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "paragraph");
        p.put("paragraph", new LinkedHashMap<>(Map.of("rich_text", new ArrayList<>(), "color", "default")));
        out.add(p);
      }
    }
    return out;
  }

  private static Object resolveChildren(Object block, List<Object> all) {
    if (!(block instanceof Map<?, ?> m) || !Js.truthy(m.get("has_children"))) {
      return block;
    }
    List<Object> children = new ArrayList<>();
    for (Object b : all) {
      if (b instanceof Map<?, ?> c && Js.deepEquals(c.get("parent_id"), m.get("id"))) {
        children.add(resolveChildren(b, all));
      }
    }
    Map<String, Object> copy = copy(m);
    copy.put("children", children);
    return copy;
  }

  private static List<Object> numberLists(List<Object> blocks) {
    int number = 0;
    List<Object> out = new ArrayList<>();
    for (Object b : blocks) {
      if (!"numbered_list_item".equals(type(b)) || !(b instanceof Map<?, ?> m)) {
        number = 0;
        out.add(b);
        continue;
      }
      Map<String, Object> copy = copy(m);
      if (Js.truthy(m.get("children")) && m.get("children") instanceof List<?> children) {
        copy.put("children", numberLists(new ArrayList<>(children)));
      }
      copy.put("number", (long) ++number);
      out.add(copy);
    }
    return out;
  }

  private static String toMd(Object block, int level, boolean linkChildPages) {
    NotionBlock parts = NotionBlock.of(block, NotionToMarkdown::formatPlainText);
    String type = parts.type();
    Map<?, ?> d = parts.data();
    List<Object> plain = parts.text();
    List<Object> caption = parts.caption();
    String text = join(plain, "");
    String tabs = "\t".repeat(level);
    return switch (type) {
      case "bookmark" -> "[" + Js.string(d.get("url")) + "](data.url)" + N;
      case "bulleted_list_item" -> "- " + text + "\n" + nested(block, level, linkChildPages, tabs);
      case "numbered_list_item" -> Js.string(Lodash.get(block, "number")) + ". " + text + "\n" + nested(block, level, linkChildPages, tabs);
      case "to_do" -> "- [" + (Js.truthy(d.get("checked")) ? "X" : " ") + "] " + text + "\n" + nested(block, level, linkChildPages, tabs);
      case "quote", "callout" -> "> " + text + N;
      case "code" -> "```" + Js.string(d.get("language")) + "\n" + Js.string(plain) + "\n```" + N;
      case "divider" -> "---" + N;
      case "embed" -> "[" + (caption.isEmpty() ? "Embed" : Js.string(caption)) + "](" + Js.string(d.get("url")) + ")" + N;
      case "equation" -> d.get("expression") == null ? "" : Js.string(d.get("expression"));
      case "paragraph" -> text + N;
      case "video", "pdf", "file" -> "[" + (caption.isEmpty() ? "File" : Js.string(caption)) + "](" + fileUrl(d) + ")" + N;
      case "heading_1", "heading_2", "heading_3", "heading_4", "heading_5", "heading_6" ->
          "#".repeat(type.charAt(8) - '0') + " " + text + N;
      case "image" -> "![" + (caption.isEmpty() ? "Image" : Js.string(caption)) + "](" + fileUrl(d) + ")" + N;
      case "child_page" -> childPage(block, d, level, linkChildPages);
      case "table" -> table(block, d);
      case "table_row" -> "| " + cells(d.get("cells")) + " |\n";
      default -> text + N + children(block, level, linkChildPages, "");
    };
  }

  private static String nested(Object block, int level, boolean linkChildPages, String tabs) {
    String child = children(block, level + 1, linkChildPages, tabs);
    return child.isEmpty() ? "" : tabs + child;
  }

  private static String children(Object block, int level, boolean linkChildPages, String separator) {
    List<Object> out = new ArrayList<>();
    for (Object c : Lodash.castArray(Lodash.get(block, "children") == null ? List.of() : Lodash.get(block, "children"))) {
      out.add(toMd(c, level, linkChildPages));
    }
    return join(out, separator);
  }

  private static String childPage(Object block, Map<?, ?> d, int level, boolean linkChildPages) {
    String title = Js.truthy(d.get("title")) ? Js.string(d.get("title")) : "Untitled Page";
    if (linkChildPages) {
      return "[" + title + "](https://www.notion.so/" + Js.string(Lodash.get(block, "id")).replace("-", "") + ")" + N;
    }
    return title + N + children(block, level, false, "");
  }

  private static String table(Object block, Map<?, ?> d) {
    if (!(Lodash.get(block, "children") instanceof List<?> rows) || rows.isEmpty()) {
      return "Table as CSV\n";
    }
    String header = "| " + cells(Lodash.get(rows.get(0), "table_row.cells")) + " |\n";
    String divider = "|" + "---|".repeat((int) Math.max(0, Js.toNumber(d.get("table_width")))) + "\n";
    List<Object> body = new ArrayList<>();
    for (Object row : rows.subList(1, rows.size())) {
      body.add("| " + cells(Lodash.get(row, "table_row.cells")) + " |");
    }
    return header + divider + join(body, "\n") + N;
  }

  private static String cells(Object cells) {
    List<Object> out = new ArrayList<>();
    if (cells instanceof List<?> l) {
      for (Object cell : l) {
        List<Object> parts = new ArrayList<>();
        Lodash.castArray(cell).forEach(y -> parts.add(formatPlainText(y)));
        out.add(join(parts, ""));
      }
    }
    return join(out, " | ");
  }

  private static String fileUrl(Map<?, ?> d) {
    if (Js.truthy(d.get("file"))) {
      return Js.string(Lodash.get(d.get("file"), "url"));
    }
    return Js.truthy(d.get("external")) ? Js.string(Lodash.get(d.get("external"), "url")) : "";
  }

  private static Object formatPlainText(Object x) {
    if (!Js.truthy(x) || !(x instanceof Map<?, ?> m)) {
      return null;
    }
    Object plain = m.get("plain_text");
    if (Js.truthy(m.get("href"))) {
      String href = Js.string(m.get("href"));
      return "[" + Js.string(plain) + "](" + (href.startsWith("/") ? "https://www.notion.so" + href : href) + ")";
    }
    Object text = plain;
    if (on(m, "code")) {
      text = "`" + Js.string(text) + "`";
    }
    if (on(m, "bold")) {
      text = "**" + Js.string(text) + "**";
    }
    if (on(m, "italic")) {
      text = "_" + Js.string(text) + "_";
    }
    if (on(m, "underline")) {
      text = "_" + Js.string(text) + "_";
    }
    if (on(m, "strikethrough")) {
      text = "~~" + Js.string(text) + "~~";
    }
    return text;
  }

  private static boolean on(Map<?, ?> m, String annotation) {
    return Js.truthy(Lodash.get(m.get("annotations"), List.of(annotation)));
  }

  /** {@code Array.prototype.join}: null and undefined print as the empty string. */
  private static String join(List<Object> parts, String separator) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sb.append(separator);
      }
      Object p = parts.get(i);
      sb.append(Js.isNil(p) ? "" : Js.string(p));
    }
    return sb.toString();
  }

  private static String type(Object b) {
    Object t = Lodash.get(b, "type");
    return t instanceof String s ? s : null;
  }

  private static Map<String, Object> copy(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
