package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.JsonValues.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truto's {@code $convertMarkdownToGoogleDocs(markdown, startIndex?)}: Google Docs {@code batchUpdate} requests —
 * every insert first (text at a running index, tables, inline images), then styles (headings, bold/italic/link ranges
 * merged when they cover the same range) with the bullets of top-level lists in front. Indices count UTF-16 units.
 */
final class MarkdownToGoogleDocs {
  private int counter;
  private int offset;
  private final List<Object> inserts = new ArrayList<>();
  private List<Object> formats = new ArrayList<>();

  private MarkdownToGoogleDocs(int counter) {
    this.counter = counter;
  }

  static Map<String, Object> convert(String markdown, int startIndex) {
    MarkdownToGoogleDocs docs = new MarkdownToGoogleDocs(startIndex);
    docs.parse(MarkedLexer.lex(markdown), 0);
    List<Object> requests = new ArrayList<>(docs.inserts);
    requests.addAll(docs.merged());
    return obj("requests", requests);
  }

  private void parse(List<MarkedToken> tokens, int level) {
    for (MarkedToken token : tokens) {
      if (token.is("hr")) {
        insert("\n\n");
      } else if (token.is("space")) {
        insert(token.raw == null || token.raw.isEmpty() ? "\n" : token.raw);
      } else if (token.is("image")) {
        inserts.add(obj("insertInlineImage", obj("uri", token.href, "location", obj("index", (long) counter))));
        counter += 1;
      } else if (token.is("table")) {
        table(token, level);
      } else if (token.tokens != null && !token.tokens.isEmpty()) {
        styled(token, level);
      } else if (token.items != null && !token.items.isEmpty()) {
        int start = counter;
        parse(withNewlines(token.items), level + 1);
        if (level == 0 && token.is("list")) {
          formats.add(0, obj("createParagraphBullets", obj("range", obj("startIndex", (long) start, "endIndex", (long) counter),
              "bulletPreset", token.ordered ? "NUMBERED_DECIMAL_ALPHA_ROMAN" : "BULLET_DISC_CIRCLE_SQUARE")));
        }
      } else if (token.text != null && !token.text.isEmpty()) {
        insert(MarkedRules.decodeEntities(token.text));
      }
    }
  }

  private void styled(MarkedToken token, int level) {
    int start = counter;
    if (token.is("list_item")) {
      if (level > 1) {
        insert("\t".repeat(level - 1));
        offset += level - 1;
      }
      parse(withNewlines(token.tokens), level);
    } else {
      parse(token.tokens, level);
    }
    Map<String, Object> range = obj("startIndex", (long) (start - offset), "endIndex", (long) (counter - offset));
    if (token.is("heading")) {
      formats.add(obj("updateParagraphStyle", obj("paragraphStyle", obj("namedStyleType", "HEADING_" + token.depth), "fields", "*", "range", range)));
      insert("\n");
    } else if (token.is("em")) {
      formats.add(textStyle(obj("italic", true), range));
    } else if (token.is("strong")) {
      formats.add(textStyle(obj("bold", true), range));
    } else if (token.is("link")) {
      formats.add(textStyle(obj("link", obj("url", token.href), "underline", true,
          "foregroundColor", obj("color", obj("rgbColor", obj("red", 0.1, "green", 0.33, "blue", 0.8)))), range));
    }
  }

  private void table(MarkedToken token, int level) {
    inserts.add(obj("insertTable", obj("columns", (long) token.header.size(), "rows", (long) token.rows.size() + 1,
        "location", obj("index", (long) counter))));
    counter += 4;
    List<List<MarkedToken>> rows = new ArrayList<>();
    rows.add(token.header);
    rows.addAll(token.rows);
    for (int i = 0; i < rows.size(); i++) {
      for (MarkedToken cell : rows.get(i)) {
        parse(List.of(cell), level);
        counter += 2;
      }
      if (i < rows.size() - 1) {
        counter += 1;
      }
    }
    insert("\n");
  }

  private void insert(String text) {
    inserts.add(obj("insertText", obj("text", text, "location", obj("index", (long) counter))));
    counter += text.length();
  }

  private static Map<String, Object> textStyle(Map<String, Object> style, Map<String, Object> range) {
    return obj("updateTextStyle", obj("textStyle", style, "fields", "*", "range", range));
  }

  /** Truto's {@code insertBetween}: a "\n" space token between consecutive tokens. */
  private static List<MarkedToken> withNewlines(List<MarkedToken> tokens) {
    List<MarkedToken> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      out.add(tokens.get(i));
      if (i < tokens.size() - 1) {
        out.add(new MarkedToken("space", "\n"));
      }
    }
    return out;
  }

  /** Text styles over the same range merged into one request (later keys win), others kept in order. */
  @SuppressWarnings("unchecked")
  private List<Object> merged() {
    List<Object> out = new ArrayList<>();
    for (Object format : formats) {
      Object range = Lodash.get(format, "updateTextStyle.range");
      Object existing = range == null ? null
          : out.stream().filter(f -> Js.deepEquals(Lodash.get(f, "updateTextStyle.range"), range)).findFirst().orElse(null);
      if (existing == null) {
        out.add(format);
      } else {
        Map<String, Object> style = (Map<String, Object>) Lodash.get(existing, "updateTextStyle.textStyle");
        style.putAll((Map<String, Object>) Lodash.get(format, "updateTextStyle.textStyle"));
      }
    }
    return out;
  }
}
