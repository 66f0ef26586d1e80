package io.ferry.engine.interpreter.jsonata;

import java.util.List;

/**
 * Truto's {@code $convertMarkdownToHtml(markdown)}: {@code marked.parse}, its default renderer over {@link MarkedLexer}'s
 * tokens — the same HTML, newline for newline (tight lists without paragraphs, {@code <tbody>} on the row's line,
 * {@code start} on ordered lists not starting at 1, task-list checkboxes, URLs through {@code encodeURI}).
 */
final class MarkdownToHtml {
  private MarkdownToHtml() {
  }

  static String convert(Object markdown) {
    if (Js.isNil(markdown)) {
      throw new IllegalArgumentException("marked(): input parameter is undefined or null");
    }
    if (!(markdown instanceof String s)) {
      throw new IllegalArgumentException("marked(): input parameter is of type " + (markdown instanceof List<?> ? "[object Array]"
          : markdown instanceof java.util.Map<?, ?> ? "[object Object]" : markdown instanceof Number ? "[object Number]" : "[object Boolean]")
          + ", string expected");
    }
    return blocks(MarkedLexer.lex(s), true);
  }

  private static String blocks(List<MarkedToken> tokens, boolean top) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      MarkedToken t = tokens.get(i);
      switch (t.type) {
        case "space" -> {
        }
        case "hr" -> out.append("<hr>\n");
        case "heading" -> out.append("<h").append(t.depth).append('>').append(inline(t.tokens)).append("</h").append(t.depth).append(">\n");
        case "code" -> out.append(code(t));
        case "table" -> out.append(table(t));
        case "blockquote" -> out.append("<blockquote>\n").append(blocks(t.tokens, true)).append("</blockquote>\n");
        case "list" -> out.append(list(t));
        case "html" -> out.append(t.text);
        case "paragraph" -> out.append("<p>").append(inline(t.tokens)).append("</p>\n");
        case "text" -> {
          StringBuilder body = new StringBuilder(text(t));
          while (i + 1 < tokens.size() && tokens.get(i + 1).is("text")) {
            body.append('\n').append(text(tokens.get(++i)));
          }
          out.append(top ? "<p>" + body + "</p>\n" : body);
        }
        default -> throw new IllegalArgumentException("Token with \"" + t.type + "\" type was not found.");
      }
    }
    return out.toString();
  }

  private static String code(MarkedToken t) {
    String lang = t.lang == null ? "" : t.lang.replaceFirst("\\s[\\s\\S]*", "");
    String code = MarkedRules.escape(t.text.replaceFirst("\\n\\z", "") + "\n", true);
    return lang.isEmpty() ? "<pre><code>" + code + "</code></pre>\n"
        : "<pre><code class=\"language-" + MarkedRules.escape(lang, false) + "\">" + code + "</code></pre>\n";
  }

  private static String list(MarkedToken t) {
    StringBuilder body = new StringBuilder();
    for (MarkedToken item : t.items) {
      body.append("<li>");
      if (item.task) {
        String checkbox = "<input " + (Boolean.TRUE.equals(item.checked) ? "checked=\"\" " : "") + "disabled=\"\" type=\"checkbox\">";
        if (!item.loose) {
          body.append(checkbox).append(' ');
        } else if (!item.tokens.isEmpty() && item.tokens.get(0).is("paragraph")) {
          MarkedToken first = item.tokens.get(0);
          first.text = checkbox + " " + first.text;
          if (first.tokens != null && !first.tokens.isEmpty() && first.tokens.get(0).is("text")) {
            first.tokens.get(0).text = checkbox + " " + first.tokens.get(0).text;
          }
        } else {
          item.tokens.add(0, MarkedToken.of("text", checkbox + " ", checkbox + " "));
        }
      }
      body.append(blocks(item.tokens, item.loose)).append("</li>\n");
    }
    String type = t.ordered ? "ol" : "ul";
    boolean startsAtOne = t.start instanceof Number n && n.doubleValue() == 1;
    String start = t.ordered && !startsAtOne ? " start=\"" + Js.string(t.start) + "\"" : "";
    return "<" + type + start + ">\n" + body + "</" + type + ">\n";
  }

  private static String table(MarkedToken t) {
    StringBuilder header = new StringBuilder("<tr>\n");
    t.header.forEach(c -> header.append(cell(c)));
    header.append("</tr>\n");
    StringBuilder body = new StringBuilder();
    for (List<MarkedToken> row : t.rows) {
      body.append("<tr>\n");
      row.forEach(c -> body.append(cell(c)));
      body.append("</tr>\n");
    }
    return "<table>\n<thead>\n" + header + "</thead>\n" + (body.isEmpty() ? "" : "<tbody>" + body + "</tbody>") + "</table>\n";
  }

  private static String cell(MarkedToken c) {
    String type = c.headerCell ? "th" : "td";
    return (c.align == null ? "<" + type + ">" : "<" + type + " align=\"" + c.align + "\">") + inline(c.tokens) + "</" + type + ">\n";
  }

  private static String inline(List<MarkedToken> tokens) {
    StringBuilder out = new StringBuilder();
    for (MarkedToken t : tokens) {
      switch (t.type) {
        case "escape", "text" -> out.append(text(t));
        case "html" -> out.append(t.text);
        case "link" -> {
          String text = inline(t.tokens);
          String href = cleanUrl(t.href);
          out.append(href == null ? text : "<a href=\"" + href + "\"" + (t.title == null ? "" : " title=\"" + t.title + "\"") + ">" + text + "</a>");
        }
        case "image" -> {
          String href = cleanUrl(t.href);
          out.append(href == null ? t.text : "<img src=\"" + href + "\" alt=\"" + t.text + "\"" + (t.title == null ? "" : " title=\"" + t.title + "\"") + ">");
        }
        case "strong" -> out.append("<strong>").append(inline(t.tokens)).append("</strong>");
        case "em" -> out.append("<em>").append(inline(t.tokens)).append("</em>");
        case "del" -> out.append("<del>").append(inline(t.tokens)).append("</del>");
        case "codespan" -> out.append("<code>").append(t.text).append("</code>");
        case "br" -> out.append("<br>");
        default -> throw new IllegalArgumentException("Token with \"" + t.type + "\" type was not found.");
      }
    }
    return out.toString();
  }

  private static String text(MarkedToken t) {
    return t.tokens != null ? inline(t.tokens) : t.text;
  }

  /** {@code encodeURI(href).replace(/%25/g, '%')}; null when encodeURI throws (a lone surrogate). */
  private static String cleanUrl(String href) {
    try {
      return Urls.encodeUri(href == null ? "undefined" : href).replace("%25", "%");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
