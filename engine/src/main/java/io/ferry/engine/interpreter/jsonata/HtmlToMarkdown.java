package io.ferry.engine.interpreter.jsonata;

import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Truto's {@code $convertHtmlToMarkdown(html)}: turndown 7 with its defaults (setext headings, "*" bullets, indented
 * code, "_" emphasis) and Truto's GFM plugin (tables, strikethrough, task items), over a jsoup document: whitespace
 * collapsed as turndown does, text escaped, flanking whitespace kept outside inline marks ({@link HtmlRules}).
 */
final class HtmlToMarkdown {
  static final Set<String> BLOCK = Set.of("address", "article", "aside", "audio", "blockquote", "body", "canvas", "center", "dd", "dir",
      "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
      "hgroup", "hr", "html", "isindex", "li", "main", "menu", "nav", "noframes", "noscript", "ol", "output", "p", "pre", "section",
      "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul");
  static final Set<String> VOID = Set.of("area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link", "meta",
      "param", "source", "track", "wbr");
  private static final Set<String> MEANINGFUL_WHEN_BLANK = Set.of("a", "table", "thead", "tbody", "tfoot", "th", "td", "iframe", "script",
      "audio", "video");
  /** JS's {@code \s}. */
  static final String JS_SPACE = "[\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  private static final Pattern EDGES = Pattern.compile("^(([ \\t\\r\\n]*)(" + JS_SPACE + "*))(?:(?=[^\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028"
      + "\\u2029\\u202f\\u205f\\u3000\\ufeff\\u000b])[\\s\\S]*[^\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\u000b])?"
      + "((" + JS_SPACE + "*?)([ \\t\\r\\n]*))$");
  private static final List<Object[]> ESCAPES = List.of(new Object[] {Pattern.compile("\\\\"), "\\\\\\\\"},
      new Object[] {Pattern.compile("\\*"), "\\\\*"}, new Object[] {Pattern.compile("^-"), "\\\\-"},
      new Object[] {Pattern.compile("^\\+ "), "\\\\+ "}, new Object[] {Pattern.compile("^(=+)"), "\\\\$1"},
      new Object[] {Pattern.compile("^(#{1,6}) "), "\\\\$1 "}, new Object[] {Pattern.compile("`"), "\\\\`"},
      new Object[] {Pattern.compile("^~~~"), "\\\\~~~"}, new Object[] {Pattern.compile("\\["), "\\\\["},
      new Object[] {Pattern.compile("\\]"), "\\\\]"}, new Object[] {Pattern.compile("^>"), "\\\\>"},
      new Object[] {Pattern.compile("_"), "\\\\_"}, new Object[] {Pattern.compile("^(\\d+)\\. "), "$1\\\\. "});
  private static final Pattern BLANK = Pattern.compile(JS_SPACE + "*");
  private static final Pattern TRAILING_SPACE = Pattern.compile(JS_SPACE + "+\\z");

  private HtmlToMarkdown() {
  }

  static String convert(String html) {
    Document doc = Jsoup.parse(html);
    // script and style content is DOM text to turndown
    doc.getAllElements().forEach(e -> List.copyOf(e.dataNodes()).forEach(d -> d.replaceWith(new TextNode(d.getWholeData()))));
    WhitespaceCollapser.collapse(doc);
    String out = children(doc);
    int start = 0;
    while (start < out.length() && "\t\r\n".indexOf(out.charAt(start)) >= 0) {
      start++;
    }
    return TRAILING_SPACE.matcher(out.substring(start)).replaceFirst("");
  }

  static String children(Node parent) {
    String output = "";
    for (Node n : List.copyOf(parent.childNodes())) {
      String replacement = "";
      if (n instanceof TextNode t) {
        replacement = isCode(t) ? t.getWholeText() : escape(t.getWholeText());
      } else if (n instanceof Element e) {
        replacement = element(e);
      }
      output = join(output, replacement);
    }
    return output;
  }

  private static String element(Element e) {
    String content = children(e);
    String[] ws = flanking(e);
    if (!ws[0].isEmpty() || !ws[1].isEmpty()) {
      content = TextSplitter.jsTrim(content);
    }
    String replacement = isBlank(e) ? BLOCK.contains(e.normalName()) ? "\n\n" : "" : HtmlRules.replacement(content, e);
    return ws[0] + replacement + ws[1];
  }

  static String join(String output, String replacement) {
    int end = output.length();
    while (end > 0 && output.charAt(end - 1) == '\n') {
      end--;
    }
    int start = 0;
    while (start < replacement.length() && replacement.charAt(start) == '\n') {
      start++;
    }
    String s1 = output.substring(0, end);
    String s2 = replacement.substring(start);
    int nls = Math.max(output.length() - s1.length(), replacement.length() - s2.length());
    return s1 + "\n\n".substring(0, Math.min(2, nls)) + s2;
  }

  static boolean isCode(Node n) {
    for (Node p = n; p != null; p = p.parentNode()) {
      if (p instanceof Element e && e.normalName().equals("code")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(Element e) {
    String name = e.normalName();
    return !VOID.contains(name) && !MEANINGFUL_WHEN_BLANK.contains(name) && BLANK.matcher(textContent(e)).matches()
        && e.getAllElements().stream().skip(1).noneMatch(d -> VOID.contains(d.normalName()) || MEANINGFUL_WHEN_BLANK.contains(d.normalName()));
  }

  /** Whitespace at the edges of an inline element's text that turndown moves outside its marks. */
  private static String[] flanking(Element e) {
    if (BLOCK.contains(e.normalName())) {
      return new String[] {"", ""};
    }
    Matcher m = EDGES.matcher(textContent(e));
    if (!m.matches()) {
      return new String[] {"", ""};
    }
    String leading = m.group(1);
    String trailing = m.group(4);
    if (!m.group(2).isEmpty() && flankedByWhitespace(e.previousSibling(), true)) {
      leading = m.group(3);
    }
    if (!m.group(6).isEmpty() && flankedByWhitespace(e.nextSibling(), false)) {
      trailing = m.group(5);
    }
    return new String[] {leading, trailing};
  }

  private static boolean flankedByWhitespace(Node sibling, boolean left) {
    String text;
    if (sibling instanceof TextNode t) {
      text = t.getWholeText();
    } else if (sibling instanceof Element s && !BLOCK.contains(s.normalName())) {
      text = textContent(s);
    } else {
      return false;
    }
    return left ? text.endsWith(" ") : text.startsWith(" ");
  }

  /** DOM {@code textContent}: every descendant text, unnormalised. */
  static String textContent(Node n) {
    if (n instanceof TextNode t) {
      return t.getWholeText();
    }
    if (n instanceof DataNode d) {
      return d.getWholeData();
    }
    StringBuilder sb = new StringBuilder();
    for (Node c : n.childNodes()) {
      sb.append(textContent(c));
    }
    return sb.toString();
  }

  private static String escape(String s) {
    String out = s;
    for (Object[] e : ESCAPES) {
      out = ((Pattern) e[0]).matcher(out).replaceAll((String) e[1]); // "^" is the text's start only, as in turndown
    }
    return out;
  }
}
