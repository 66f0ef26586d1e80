package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.JsonValues.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Truto's {@code $convertMarkdownToAdf(markdown)} (the {@code marklassian} library): an Atlassian Document Format doc
 * from marked 15's tokens (unescaped text) — paragraphs, headings, lists, code blocks, blockquotes, rules, tables,
 * images as media; inline marks em/strong/strike/link/code, nested marks only down a single-child chain.
 */
final class MarkdownToAdf {
  private MarkdownToAdf() {
  }

  static Map<String, Object> convert(String markdown) {
    return obj("version", 1L, "type", "doc", "content", blocks(MarkedLexer.lex(markdown, false)));
  }

  private static List<Object> blocks(List<MarkedToken> tokens) {
    List<Object> out = new ArrayList<>();
    for (MarkedToken token : tokens) {
      switch (token.type) {
        case "paragraph" -> out.addAll(paragraph(token.tokens));
        case "heading" -> out.add(obj("type", "heading", "attrs", obj("level", (long) token.depth), "content", inline(token.tokens)));
        case "list" -> out.add(list(token));
        case "code" -> out.add(obj("type", "codeBlock", "attrs", obj("language", token.lang == null || token.lang.isEmpty() ? "text" : token.lang),
            "content", new ArrayList<>(List.of(obj("type", "text", "text", token.text)))));
        case "blockquote" -> out.add(obj("type", "blockquote", "content", blocks(token.tokens)));
        case "hr" -> out.add(obj("type", "rule"));
        case "table" -> out.add(table(token));
        default -> {
        }
      }
    }
    return out;
  }

  private static Map<String, Object> list(MarkedToken token) {
    Map<String, Object> list = obj("type", token.ordered ? "orderedList" : "bulletList");
    if (token.ordered) {
      list.put("attrs", obj("order", Js.truthy(token.start) ? token.start : 1L));
    }
    List<Object> items = new ArrayList<>();
    token.items.forEach(item -> items.add(listItem(item)));
    list.put("content", items);
    return list;
  }

  private static Map<String, Object> listItem(MarkedToken item) {
    List<Object> content = new ArrayList<>();
    List<MarkedToken> inlineRun = new ArrayList<>();
    for (MarkedToken token : item.tokens == null ? List.<MarkedToken>of() : item.tokens) {
      if (List.of("text", "em", "strong", "del", "link", "codespan").contains(token.type)) {
        inlineRun.add(token);
        continue;
      }
      flush(inlineRun, content);
      if (token.is("list")) {
        content.add(list(token));
      } else {
        content.addAll(blocks(List.of(token)));
      }
    }
    flush(inlineRun, content);
    return obj("type", "listItem", "content", content);
  }

  private static void flush(List<MarkedToken> run, List<Object> into) {
    if (!run.isEmpty()) {
      into.add(obj("type", "paragraph", "content", inline(new ArrayList<>(run))));
      run.clear();
    }
  }

  private static Map<String, Object> table(MarkedToken token) {
    List<Object> content = new ArrayList<>();
    List<Object> headers = new ArrayList<>();
    token.header.forEach(h -> headers.add(obj("type", "tableHeader", "content", paragraph(h.tokens))));
    if (!headers.isEmpty()) {
      content.add(obj("type", "tableRow", "content", headers));
    }
    for (List<MarkedToken> row : token.rows) {
      List<Object> cells = new ArrayList<>();
      row.forEach(c -> cells.add(obj("type", "tableCell", "content", paragraph(c.tokens))));
      content.add(obj("type", "tableRow", "content", cells));
    }
    return obj("type", "table", "content", content);
  }

  /** A paragraph split around images, each image its own media node. */
  private static List<Object> paragraph(List<MarkedToken> tokens) {
    List<Object> out = new ArrayList<>();
    if (tokens == null) {
      return out;
    }
    if (tokens.size() == 1 && tokens.get(0).is("image")) {
      out.add(media(tokens.get(0)));
      return out;
    }
    List<MarkedToken> run = new ArrayList<>();
    for (MarkedToken t : tokens) {
      if (t.is("image")) {
        flush(run, out);
        out.add(media(t));
      } else {
        run.add(t);
      }
    }
    flush(run, out);
    return out;
  }

  private static Map<String, Object> media(MarkedToken image) {
    return obj("type", "mediaSingle", "attrs", obj("layout", "center"), "content", new ArrayList<>(List.of(
        obj("type", "media", "attrs", obj("type", "external", "url", image.href, "alt", image.text == null ? "" : image.text)))));
  }

  private static List<Object> inline(List<MarkedToken> tokens) {
    List<Object> out = new ArrayList<>();
    for (MarkedToken token : tokens == null ? List.<MarkedToken>of() : tokens) {
      switch (token.type == null ? "" : token.type) {
        case "text" -> {
          if (token.tokens != null) {
            out.addAll(inline(token.tokens));
          } else {
            out.add(obj("type", "text", "text", safeText(token)));
          }
        }
        case "em", "strong", "del" -> {
          String mark = token.is("em") ? "em" : token.is("strong") ? "strong" : "strike";
          for (MarkedToken t : token.tokens == null ? List.<MarkedToken>of() : token.tokens) {
            Map<String, Object> marks = new LinkedHashMap<>();
            marks.put(mark, obj("type", mark));
            out.add(obj("type", "text", "text", safeText(t), "marks", marks(t, marks)));
          }
        }
        case "link", "codespan" -> out.add(obj("type", "text", "text", safeText(token), "marks", marks(token, new LinkedHashMap<>())));
        case "br" -> out.add(obj("type", "hardBreak"));
        default -> {
        }
      }
    }
    out.removeIf(n -> n instanceof Map<?, ?> m && "text".equals(m.get("type")) && !Js.truthy(m.get("text")));
    return out;
  }

  private static String safeText(MarkedToken token) {
    if (token.tokens != null && token.tokens.size() == 1 && token.tokens.get(0).text != null) {
      return safeText(token.tokens.get(0));
    }
    if (token.text != null) {
      return token.text.replaceFirst("\\n\\z", "").replace('\n', ' ').replaceAll("\\s+", " ");
    }
    return "";
  }

  private static List<Object> marks(MarkedToken token, Map<String, Object> marks) {
    switch (token.type == null ? "" : token.type) {
      case "em" -> marks.putIfAbsent("em", obj("type", "em"));
      case "strong" -> marks.putIfAbsent("strong", obj("type", "strong"));
      case "del" -> marks.putIfAbsent("strike", obj("type", "strike"));
      case "link" -> marks.put("link", obj("type", "link", "attrs", obj("href", token.href)));
      case "codespan" -> marks.putIfAbsent("code", obj("type", "code"));
      default -> {
      }
    }
    if (token.tokens != null && token.tokens.size() == 1) {
      return marks(token.tokens.get(0), marks);
    }
    List<Object> out = new ArrayList<>(marks.values());
    if (marks.containsKey("code")) {
      out.removeIf(m -> !List.of("link", "code").contains(Lodash.get(m, "type")));
    }
    return out;
  }
}
