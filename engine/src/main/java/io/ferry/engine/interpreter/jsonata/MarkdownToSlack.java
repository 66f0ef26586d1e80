package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.JsonValues.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truto's {@code $convertMarkdownToSlack(markdown)}: Slack Block Kit blocks from marked's tokens — a header per
 * heading, an mrkdwn section per paragraph (bold as {@code *x*}, links as {@code <url|text>}, other inline Markdown
 * as written), one section per list, blockquotes and code as their Markdown, a "\n" section per blank-line gap.
 */
final class MarkdownToSlack {
  private MarkdownToSlack() {
  }

  static List<Object> convert(String markdown) {
    List<Object> out = new ArrayList<>();
    for (Object x : parse(MarkedLexer.lex(markdown))) {
      if (!(x instanceof String)) {
        out.add(x);
      }
    }
    return out;
  }

  /** Blocks (maps) and inline text pieces (strings), as Truto's reducer accumulates them. */
  private static List<Object> parse(List<MarkedToken> tokens) {
    List<Object> acc = new ArrayList<>();
    for (MarkedToken token : tokens) {
      switch (token.type == null ? "" : token.type) {
        case "hr" -> acc.add(obj("type", "divider"));
        case "space" -> acc.add(section("\n"));
        case "image" -> acc.add(obj("type", "image", "image_url", token.href, "alt_text", token.text));
        case "paragraph", "text" -> {
          if (token.tokens == null) {
            acc.add(token.raw);
            break;
          }
          StringBuilder text = new StringBuilder();
          List<Object> blocks = new ArrayList<>();
          for (Object x : parse(token.tokens)) {
            if (x instanceof String s) {
              text.append(s);
            } else {
              blocks.add(x);
            }
          }
          if (!text.isEmpty()) {
            acc.add(section(text.toString()));
          }
          acc.addAll(blocks);
        }
        case "heading" -> acc.add(obj("type", "header", "text", obj("type", "plain_text", "text", token.text, "emoji", true)));
        case "list" -> acc.add(section(list(token)));
        case "strong" -> acc.add("*" + token.text + "*");
        case "link" -> acc.add("<" + token.href + "|" + token.text + ">");
        case "blockquote", "code" -> acc.add(section(token.raw));
        default -> acc.add(token.raw);
      }
    }
    return acc;
  }

  /** One line per block with text in the items (nested lists included), numbered across the whole list. */
  private static String list(MarkedToken token) {
    List<String> lines = new ArrayList<>();
    for (MarkedToken item : token.items) {
      List<Object> data = item.tokens == null ? List.of() : parse(item.tokens);
      for (Object x : data) {
        Object text = Lodash.get(x, "text.text");
        if (x instanceof Map<?, ?> && Js.truthy(text)) {
          lines.add((token.ordered ? (lines.size() + 1) + "." : "•") + " " + Js.string(text));
        }
      }
    }
    return String.join("\n", lines);
  }

  private static Map<String, Object> section(String text) {
    return obj("type", "section", "text", obj("type", "mrkdwn", "text", text));
  }
}
