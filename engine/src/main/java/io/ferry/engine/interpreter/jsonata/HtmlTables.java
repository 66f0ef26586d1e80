package io.ferry.engine.interpreter.jsonata;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** Truto's GFM table rules for turndown: pipe rows, a "---" row under the heading row, spans as empty cells. */
final class HtmlTables {
  private HtmlTables() {
  }

  static String cell(String content, Element node) {
    int index = node.parent() == null ? 0 : node.parent().childNodes().indexOf(node);
    String prefix = index == 0 ? "| " : " ";
    int colspan = colspan(node);
    return prefix + clean(content) + " |" + "   |".repeat(colspan - 1);
  }

  static String row(String content, Element tr) {
    if (content.isBlank()) {
      return "";
    }
    StringBuilder border = new StringBuilder();
    if (isHeadingRow(tr)) {
      Element table = tr.closest("table");
      int cols = table == null ? 0 : columns(table);
      for (int i = 0; i < cols; i++) {
        border.append(i == 0 ? "| " : " ").append("--- |");
      }
    }
    return "\n" + content + (border.isEmpty() ? "" : "\n" + border);
  }

  static String table(String content, Element table) {
    if (skip(table)) {
      return "";
    }
    String text = TextSplitter.jsTrim(content.replaceAll("\\n+", "\n"));
    if (text.isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!TextSplitter.jsTrim(line).isEmpty()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return "";
    }
    boolean hasSeparator = lines.size() >= 2 && java.util.regex.Pattern.compile("\\|\\s*-+").matcher(lines.get(1)).find();
    if (!hasSeparator) {
      int cols = (int) lines.get(0).chars().filter(c -> c == '|').count() - 1;
      if (cols > 0) {
        lines.add(1, "|" + " --- |".repeat(cols));
      }
    }
    return "\n\n" + String.join("\n", lines) + "\n\n";
  }

  private static String clean(String content) {
    if (content == null || content.isEmpty()) {
      return "   ";
    }
    String cleaned = TextSplitter.jsTrim(content).replaceAll(HtmlToMarkdown.JS_SPACE + "+", " ").replace("|", "\\|").replace("\\", "\\\\");
    if (cleaned.isBlank()) {
      return "   ";
    }
    return cleaned.length() < 3 ? cleaned + " ".repeat(3 - cleaned.length()) : cleaned;
  }

  private static boolean isHeadingRow(Element tr) {
    Element parent = tr.parent();
    if (parent == null) {
      return false;
    }
    if (parent.normalName().equals("thead")) {
      return true;
    }
    if (parent.childNodeSize() > 0 && parent.childNode(0) == tr && (parent.normalName().equals("table") || parent.normalName().equals("tbody"))) {
      List<Element> cells = tr.children();
      return !cells.isEmpty() && cells.stream().allMatch(c -> c.normalName().equals("th"));
    }
    return false;
  }

  /** The DOM's {@code table.rows}: the table's own rows and those of its sections, not of nested tables. */
  private static List<Element> rows(Element table) {
    List<Element> rows = new ArrayList<>();
    for (Element child : table.children()) {
      if (child.normalName().equals("tr")) {
        rows.add(child);
      } else if (List.of("thead", "tbody", "tfoot").contains(child.normalName())) {
        child.children().stream().filter(r -> r.normalName().equals("tr")).forEach(rows::add);
      }
    }
    return rows;
  }

  private static int columns(Element table) {
    int max = 0;
    for (Element row : rows(table)) {
      int count = 0;
      for (Node n : row.childNodes()) {
        if (n instanceof Element c && (c.normalName().equals("td") || c.normalName().equals("th"))) {
          count += colspan(c);
        }
      }
      max = Math.max(max, count);
    }
    return max;
  }

  private static boolean skip(Element table) {
    List<Element> rows = rows(table);
    if (rows.isEmpty()) {
      return true;
    }
    int total = 0;
    int withContent = 0;
    for (Element row : rows) {
      for (Element c : row.children()) {
        if (c.normalName().equals("td") || c.normalName().equals("th")) {
          total++;
          if (!TextSplitter.jsTrim(HtmlToMarkdown.textContent(c)).isEmpty()) {
            withContent++;
          }
        }
      }
    }
    return total == 0 || total == 1 && withContent == 0;
  }

  private static int colspan(Element c) {
    String v = c.attr("colspan");
    try {
      int n = Integer.parseInt(v.isEmpty() ? "1" : v.strip().replaceFirst("^(\\d+).*$", "$1"));
      return Math.max(1, n);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
