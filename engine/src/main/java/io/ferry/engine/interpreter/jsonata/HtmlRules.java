package io.ferry.engine.interpreter.jsonata;

import org.jsoup.nodes.Element;

import java.util.List;

/** turndown's rules with its defaults, and Truto's GFM plugin's (tables, strikethrough, task items, highlighted code). */
final class HtmlRules {
  private HtmlRules() {
  }

  static String replacement(String content, Element node) {
    String name = node.normalName();
    Element parent = node.parent();
    switch (name) {
      case "input":
        if ("checkbox".equalsIgnoreCase(node.attr("type")) && parent != null && parent.normalName().equals("li")) {
          return (node.hasAttr("checked") ? "[x]" : "[ ]") + " ";
        }
        break;
      case "col", "colgroup", "caption":
        return "";
      case "thead", "tbody", "tfoot":
        return content;
      case "table":
        return HtmlTables.table(content, node);
      case "tr":
        return HtmlTables.row(content, node);
      case "th", "td":
        return HtmlTables.cell(content, node);
      case "del", "s", "strike":
        return "~~" + content + "~~";
      case "div":
        if (node.className().matches("[\\s\\S]*highlight-(?:(?:text|source)-)?[a-z0-9]+[\\s\\S]*") && node.childNodeSize() > 0
            && node.childNode(0) instanceof Element pre && pre.normalName().equals("pre")) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("highlight-(?:(?:text|source)-)?([a-z0-9]+)").matcher(node.className());
          return "\n\n```" + (m.find() ? m.group(1) : "") + "\n" + HtmlToMarkdown.textContent(pre) + "\n```\n\n";
        }
        break;
      case "p":
        return "\n\n" + content + "\n\n";
      case "br":
        return "  \n";
      case "h1", "h2", "h3", "h4", "h5", "h6": {
        int level = name.charAt(1) - '0';
        if (level < 3) {
          return "\n\n" + content + "\n" + (level == 1 ? "=" : "-").repeat(content.length()) + "\n\n";
        }
        return "\n\n" + "#".repeat(level) + " " + content + "\n\n";
      }
      case "blockquote":
        return "\n\n" + ("> " + content.replaceAll("^\\n+|\\n+$", "").replace("\n", "\n> ")) + "\n\n";
      case "ul", "ol":
        if (parent != null && parent.normalName().equals("li") && parent.lastElementChild() == node) {
          return "\n" + content;
        }
        return "\n\n" + content + "\n\n";
      case "li":
        return listItem(content, node, parent);
      case "pre":
        if (node.childNodeSize() > 0 && node.childNode(0) instanceof Element code && code.normalName().equals("code")) {
          return "\n\n    " + HtmlToMarkdown.textContent(code).replace("\n", "\n    ") + "\n\n";
        }
        break;
      case "hr":
        return "\n\n* * *\n\n";
      case "a":
        if (!node.attr("href").isEmpty()) {
          String href = node.attr("href").replaceAll("([()])", "\\\\$1");
          String title = clean(node.attr("title"));
          return "[" + content + "](" + href + (title.isEmpty() ? "" : " \"" + title.replace("\"", "\\\"") + "\"") + ")";
        }
        break;
      case "em", "i":
        return TextSplitter.jsTrim(content).isEmpty() ? "" : "_" + content + "_";
      case "strong", "b":
        return TextSplitter.jsTrim(content).isEmpty() ? "" : "**" + content + "**";
      case "code":
        if (!(parent != null && parent.normalName().equals("pre") && node.previousSibling() == null && node.nextSibling() == null)) {
          return code(content);
        }
        break;
      case "img": {
        String src = node.attr("src");
        String title = clean(node.attr("title"));
        return src.isEmpty() ? "" : "![" + clean(node.attr("alt")) + "](" + src + (title.isEmpty() ? "" : " \"" + title + "\"") + ")";
      }
      default:
        break;
    }
    return HtmlToMarkdown.BLOCK.contains(name) ? "\n\n" + content + "\n\n" : content;
  }

  private static String listItem(String content, Element node, Element parent) {
    String body = content.replaceFirst("^\\n+", "").replaceFirst("\\n+$", "\n").replace("\n", "\n    ");
    String prefix = "*   ";
    if (parent != null && parent.normalName().equals("ol")) {
      String start = parent.attr("start");
      int index = parent.children().indexOf(node);
      prefix = (start.isEmpty() ? String.valueOf(index + 1) : Js.number(Js.toNumber(start) + index)) + ".  ";
    }
    return prefix + body + (node.nextSibling() != null && !body.endsWith("\n") ? "\n" : "");
  }

  private static String code(String content) {
    if (content.isEmpty()) {
      return "";
    }
    String text = content.replaceAll("\\r?\\n|\\r", " ");
    String extra = text.matches("^`[\\s\\S]*|^ .*?[^ ].* $|[\\s\\S]*`$") ? " " : "";
    String delimiter = "`";
    List<String> runs = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+").matcher(text);
    while (m.find()) {
      runs.add(m.group());
    }
    while (runs.contains(delimiter)) {
      delimiter += "`";
    }
    return delimiter + extra + text + extra + delimiter;
  }

  private static String clean(String attribute) {
    return attribute == null ? "" : attribute.replaceAll("(\\n+\\s*)+", "\n");
  }
}
