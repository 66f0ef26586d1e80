package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.JsonValues.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Truto's {@code $convertMarkdownToNotion(markdown)}: {@code {"children": [Notion blocks]}} from marked's tokens, with
 * Truto's conventions: rich text in 2000-character chunks, a "\n" paragraph per blank-line gap, blockquotes as
 * callouts, header cells each their own cell, list items carrying nested blocks as {@code children}.
 */
final class MarkdownToNotion {
  private static final Pattern CHUNK = Pattern.compile(".{1,2000}");

  private MarkdownToNotion() {
  }

  static Map<String, Object> convert(String markdown) {
    return obj("children", parse(MarkedLexer.lex(markdown)));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> parse(List<MarkedToken> tokens) {
    List<Object> acc = new ArrayList<>();
    for (MarkedToken token : tokens) {
      List<MarkedToken> childTokens = token.is("blockquote")
          ? token.tokens != null && !token.tokens.isEmpty() ? token.tokens.get(0).tokens : null
          : token.tokens;
      List<Object> childData = childTokens == null ? new ArrayList<>() : parse(childTokens);
      String type = token.type == null ? "" : token.type;
      switch (type) {
        case "hr" -> acc.add(obj("type", "divider", "divider", obj()));
        case "space" -> acc.add(obj("type", "paragraph", "paragraph", obj("rich_text", new ArrayList<>(List.of(text("\n"))))));
        case "image" -> acc.add(obj("type", "image", "image", obj("type", "external", "external", obj("url", token.href))));
        case "paragraph" -> {
          List<Object> other = new ArrayList<>();
          List<Object> images = new ArrayList<>();
          childData.forEach(x -> ("image".equals(Lodash.get(x, "type")) ? images : other).add(x));
          if (!other.isEmpty()) {
            acc.add(obj("type", "paragraph", "paragraph", obj("rich_text", other)));
          }
          acc.addAll(images);
        }
        case "heading" -> acc.add(obj("type", "heading_" + token.depth, "heading_" + token.depth, obj("rich_text", childData)));
        case "code" -> acc.add(obj("type", "code", "code", obj("rich_text", chunked(token.text, "\n\n", false),
            "language", token.lang == null || token.lang.isEmpty() ? "plain text" : token.lang)));
        case "table" -> acc.add(table(token));
        case "list" -> list(token, acc);
        case "em", "strong" -> {
          childData.forEach(c -> annotate((Map<String, Object>) c, type.equals("em") ? "italic" : "bold"));
          acc.addAll(childData);
        }
        case "link" -> {
          for (Object c : childData) {
            if (((Map<String, Object>) c).get("text") instanceof Map<?, ?> t) {
              ((Map<String, Object>) t).put("link", obj("url", token.href));
            }
          }
          acc.addAll(childData);
        }
        case "blockquote" -> acc.add(obj("type", "callout", "callout", obj("rich_text", childData)));
        default -> {
          if (!childData.isEmpty()) {
            acc.addAll(childData);
          } else if (token.text != null && !token.text.isEmpty()) {
            acc.addAll(chunked(MarkedRules.decodeEntities(token.text), "\n", type.equals("codespan")));
          }
        }
      }
    }
    return acc;
  }

  private static void list(MarkedToken token, List<Object> acc) {
    String listType = token.items.get(0).task ? "to_do" : token.ordered ? "numbered_list_item" : "bulleted_list_item";
    for (MarkedToken item : token.items) {
      List<Object> other = new ArrayList<>();
      List<Object> nested = new ArrayList<>();
      parse(item.tokens).forEach(x -> ("text".equals(Lodash.get(x, "type")) ? other : nested).add(x));
      Map<String, Object> body = obj();
      if (!other.isEmpty()) {
        body.put("rich_text", other);
      }
      if (!nested.isEmpty()) {
        body.put("children", nested);
      }
      if (listType.equals("to_do") && item.checked != null) {
        body.put("checked", item.checked);
      }
      acc.add(obj("type", listType, listType, body));
    }
  }

  private static Map<String, Object> table(MarkedToken token) {
    List<Object> children = new ArrayList<>();
    List<Object> headerCells = new ArrayList<>();
    parse(token.header).forEach(x -> headerCells.add(new ArrayList<>(List.of(x))));
    children.add(obj("type", "table_row", "table_row", obj("cells", headerCells)));
    for (List<MarkedToken> row : token.rows) {
      List<Object> cells = new ArrayList<>();
      row.forEach(cell -> cells.add(parse(List.of(cell))));
      children.add(obj("type", "table_row", "table_row", obj("cells", cells)));
    }
    return obj("type", "table", "table", obj("table_width", (long) token.header.size(), "has_column_header", true,
        "has_row_header", false, "children", children));
  }

  /** Lines cut into 2000-character rich-text pieces (empty lines dropped), the lines joined by a separator piece. */
  private static List<Object> chunked(String text, String separator, boolean code) {
    List<List<String>> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      Matcher m = CHUNK.matcher(line);
      List<String> chunks = new ArrayList<>();
      while (m.find()) {
        chunks.add(m.group());
      }
      if (!chunks.isEmpty()) {
        lines.add(chunks);
      }
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.add(text(separator));
      }
      for (String chunk : lines.get(i)) {
        Map<String, Object> piece = text(chunk);
        if (code) {
          piece.put("annotations", obj("code", true));
        }
        out.add(piece);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void annotate(Map<String, Object> child, String annotation) {
    Object current = child.get("annotations");
    Map<String, Object> annotations = current instanceof Map<?, ?> m ? (Map<String, Object>) m : obj();
    annotations.put(annotation, true);
    child.put("annotations", annotations);
  }

  private static Map<String, Object> text(String content) {
    return obj("type", "text", "text", obj("content", content));
  }
}
