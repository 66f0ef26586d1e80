package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.arg;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.def;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.str;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.List;
import java.util.Map;

/**
 * Truto's document converters: HTML → Markdown (jsoup, turndown's conventions) here, and the entry points of the
 * others (each in its own class; the Markdown ones on {@link MarkedLexer}).
 */
final class Documents {
  private Documents() {
  }

  static void define() {
    def("convertMarkdownToHtml", null, a -> MarkdownToHtml.convert(arg(a, 0)));
    def("convertHtmlToMarkdown", null, a -> htmlToMarkdown(str(a, 0) == null ? "" : str(a, 0)));
    def("convertNotionToMarkdown", null, a -> NotionToMarkdown.convert(arg(a, 0), Js.truthy(arg(a, 1))));
    def("convertQueryToSql", null, a -> QueryToSql.convert(arg(a, 0), orDefault(arg(a, 1), List.of()), orDefault(arg(a, 2), Map.of()),
        orDefault(arg(a, 3), Map.of()), orDefault(arg(a, 4), Map.of()), QueryToSql.Options.of(arg(a, 5))));
    def("dependencyGraph", null, a -> DependencyGraph.of(arg(a, 0), arg(a, 1), arg(a, 2)));
    def("convertMarkdownToSlack", null, a -> MarkdownToSlack.convert(markdown(a)));
    def("convertMarkdownToNotion", null, a -> MarkdownToNotion.convert(markdown(a)));
    def("convertMarkdownToAdf", null, a -> MarkdownToAdf.convert(markdown(a)));
    def("convertMarkdownToGoogleDocs", null, a -> MarkdownToGoogleDocs.convert(markdown(a), arg(a, 1) == null ? 1 : (int) Js.toNumber(arg(a, 1))));
    def("recursiveCharacterTextSplitter", null, a -> TextSplitter.split(arg(a, 0), arg(a, 1)));
    def("jsToXml", null, a -> JsToXml.convert(arg(a, 0), a.size() > 1 ? arg(a, 1) : null));
    def("convertNotionToMd", null, a -> NotionToMd.convert(arg(a, 0)));
  }

  /** marked's {@code Lexer.lex(text)} reads its argument as a string and fails on anything else. */
  private static String markdown(List<Object> a) {
    Object v = arg(a, 0);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("Cannot read properties of " + Js.string(v) + " (reading 'replace')");
    }
    return s;
  }

  /** A JS default parameter: only undefined takes the default. */
  private static Object orDefault(Object v, Object fallback) {
    return v == null ? fallback : v;
  }

  static String htmlToMarkdown(String html) {
    StringBuilder sb = new StringBuilder();
    Jsoup.parseBodyFragment(html).body().childNodes().forEach(n -> block(n, sb));
    return sb.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static void block(Node n, StringBuilder sb) {
    if (n instanceof TextNode t) {
      sb.append(t.text());
      return;
    }
    if (!(n instanceof Element e)) {
      return;
    }
    String tag = e.normalName();
    switch (tag) {
      case "h1", "h2" -> {
        String text = inline(e);
        sb.append("\n\n").append(text).append('\n').append((tag.equals("h1") ? "=" : "-").repeat(text.length())).append("\n\n");
      }
      case "h3", "h4", "h5", "h6" -> sb.append("\n\n").append("#".repeat(tag.charAt(1) - '0')).append(' ').append(inline(e)).append("\n\n");
      case "p", "div" -> sb.append("\n\n").append(inline(e)).append("\n\n");
      case "ul", "ol" -> {
        sb.append("\n\n");
        int i = 1;
        for (Element li : e.children()) {
          sb.append(tag.equals("ul") ? "*   " : (i++) + ".  ").append(inline(li).strip()).append('\n');
        }
        sb.append('\n');
      }
      case "pre" -> sb.append("\n\n```\n").append(e.wholeText()).append("\n```\n\n");
      case "blockquote" -> sb.append("\n\n> ").append(inline(e).strip().replace("\n", "\n> ")).append("\n\n");
      case "hr" -> sb.append("\n\n* * *\n\n");
      default -> sb.append(inline(e));
    }
  }

  private static String inline(Element e) {
    StringBuilder sb = new StringBuilder();
    for (Node n : e.childNodes()) {
      if (n instanceof TextNode t) {
        sb.append(t.text());
      } else if (n instanceof Element c) {
        String inner = inline(c);
        sb.append(switch (c.normalName()) {
          case "strong", "b" -> "**" + inner + "**";
          case "em", "i" -> "_" + inner + "_";
          case "code" -> "`" + inner + "`";
          case "a" -> "[" + inner + "](" + c.attr("href") + ")";
          case "br" -> "  \n";
          case "img" -> "![" + c.attr("alt") + "](" + c.attr("src") + ")";
          default -> inner;
        });
      }
    }
    return sb.toString();
  }
}
