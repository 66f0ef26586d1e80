package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.arg;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.def;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.str;

import java.util.List;
import java.util.Map;

/**
 * The entry points of Truto's document converters, each in its own class: the Markdown ones on {@link MarkedLexer},
 * HTML → Markdown on {@link HtmlToMarkdown} (turndown), the rest on their libraries' semantics.
 */
final class Documents {
  private Documents() {
  }

  static void define() {
    def("convertMarkdownToHtml", null, a -> MarkdownToHtml.convert(arg(a, 0)));
    def("convertHtmlToMarkdown", null, a -> HtmlToMarkdown.convert(str(a, 0) == null ? "" : str(a, 0)));
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
}
