package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of {@code marked}'s block lexer ({@code Lexer.lex}, GFM, as Truto's Markdown converters call it): the same
 * tokens with the same {@code raw} text, so converters that print {@code raw} or count characters agree. Inline
 * content is queued and tokenised last ({@link MarkedInline}), after link definitions are known.
 */
final class MarkedLexer {
  record Queued(String src, List<MarkedToken> tokens) {
  }

  final Map<String, String[]> links = new HashMap<>();
  final List<Queued> inlineQueue = new ArrayList<>();
  boolean top = true;
  /** marked 15 (which marklassian uses) leaves inline text unescaped; marked 14 HTML-escapes it. */
  final boolean escapes;
  final MarkedInline inline = new MarkedInline(this);

  private MarkedLexer(boolean escapes) {
    this.escapes = escapes;
  }

  static List<MarkedToken> lex(String src) {
    return lex(src, true);
  }

  static List<MarkedToken> lex(String src, boolean escapes) {
    MarkedLexer lexer = new MarkedLexer(escapes);
    List<MarkedToken> tokens = lexer.blockTokens(src.replaceAll("\\r\\n|\\r", "\n"), new ArrayList<>(), false);
    for (int i = 0; i < lexer.inlineQueue.size(); i++) {
      Queued q = lexer.inlineQueue.get(i);
      lexer.inline.tokens(q.src(), q.tokens());
    }
    return tokens;
  }

  List<MarkedToken> queueInline(String src) {
    List<MarkedToken> tokens = new ArrayList<>();
    inlineQueue.add(new Queued(src, tokens));
    return tokens;
  }

  private void requeueLast(String src) {
    Queued last = inlineQueue.remove(inlineQueue.size() - 1);
    inlineQueue.add(new Queued(src, last.tokens()));
  }

  static Matcher match(Pattern p, String src) {
    Matcher m = p.matcher(src);
    return m.lookingAt() ? m : null;
  }

  List<MarkedToken> blockTokens(String src, List<MarkedToken> tokens, boolean lastParagraphClipped) {
    Matcher m;
    MarkedToken token;
    while (!src.isEmpty()) {
      MarkedToken last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
      if ((m = match(MarkedRules.NEWLINE, src)) != null && !m.group().isEmpty()) {
        src = src.substring(m.end());
        if (m.group().length() == 1 && last != null) {
          last.raw += "\n";
        } else {
          tokens.add(new MarkedToken("space", m.group()));
        }
        continue;
      }
      int end;
      if ((end = MarkedScan.code(src)) > 0) {
        String raw = src.substring(0, end);
        src = src.substring(end);
        String text = rtrim(raw.replaceAll("(?m)^(?: {1,4}| {0,3}\\t)", ""), '\n');
        if (last != null && (last.is("paragraph") || last.is("text"))) {
          last.raw += "\n" + raw;
          last.text += "\n" + text;
          requeueLast(last.text);
        } else {
          tokens.add(MarkedToken.of("code", raw, text));
        }
        continue;
      }
      if ((m = match(MarkedRules.FENCES, src)) != null) {
        src = src.substring(m.end());
        token = MarkedToken.of("code", m.group(), indentCodeCompensation(m.group(), m.group(3) == null ? "" : m.group(3)));
        token.lang = m.group(2) == null || m.group(2).isEmpty() ? m.group(2)
            : MarkedRules.ANY_PUNCTUATION.matcher(m.group(2).strip()).replaceAll("$1");
        tokens.add(token);
        continue;
      }
      if ((m = match(MarkedRules.HEADING, src)) != null) {
        src = src.substring(m.end());
        String text = m.group(2).strip();
        if (text.endsWith("#")) {
          String trimmed = rtrim(text, '#');
          if (trimmed.isEmpty() || trimmed.endsWith(" ")) {
            text = trimmed.strip();
          }
        }
        token = MarkedToken.of("heading", m.group(), text);
        token.depth = m.group(1).length();
        token.tokens = queueInline(text);
        tokens.add(token);
        continue;
      }
      if ((m = match(MarkedRules.HR, src)) != null) {
        token = new MarkedToken("hr", rtrim(m.group(), '\n'));
        src = advance(src, token.raw.length()); // marked advances by the trimmed raw: the newlines become a space token
        tokens.add(token);
        continue;
      }
      if ((token = MarkedBlocks.blockquote(this, src)) != null || (token = MarkedBlocks.list(this, src)) != null) {
        src = advance(src, token.raw.length());
        tokens.add(token);
        continue;
      }
      if ((m = match(MarkedRules.HTML, src)) != null) {
        src = src.substring(m.end());
        tokens.add(MarkedToken.of("html", m.group(), m.group()));
        continue;
      }
      if ((m = match(MarkedRules.DEF, src)) != null) {
        src = src.substring(m.end());
        if (last != null && (last.is("paragraph") || last.is("text"))) {
          last.raw += "\n" + m.group();
          last.text += "\n" + m.group();
          requeueLast(last.text);
        } else {
          String tag = m.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
          String href = m.group(2) == null ? "" : MarkedRules.ANY_PUNCTUATION.matcher(m.group(2).replaceAll("^<(.*)>$", "$1")).replaceAll("$1");
          String title = m.group(3) == null ? null : MarkedRules.ANY_PUNCTUATION.matcher(m.group(3).substring(1, m.group(3).length() - 1)).replaceAll("$1");
          links.putIfAbsent(tag, new String[] {href, title});
        }
        continue;
      }
      if ((token = MarkedBlocks.table(this, src)) != null) {
        src = advance(src, token.raw.length());
        tokens.add(token);
        continue;
      }
      if ((token = MarkedScan.lheading(this, src)) != null) {
        src = advance(src, token.raw.length());
        tokens.add(token);
        continue;
      }
      if (top && (end = MarkedScan.paragraph(src, 0, true)) > 0) {
        String text = src.substring(0, end);
        if (lastParagraphClipped && last != null && last.is("paragraph")) {
          last.raw += "\n" + text;
          last.text += "\n" + text;
          requeueLast(last.text);
        } else {
          token = MarkedToken.of("paragraph", text, text);
          token.tokens = queueInline(text);
          tokens.add(token);
        }
        lastParagraphClipped = false;
        src = src.substring(end);
        continue;
      }
      if ((m = match(MarkedRules.TEXT, src)) != null) {
        src = src.substring(m.end());
        if (last != null && last.is("text")) {
          last.raw += "\n" + m.group();
          last.text += "\n" + m.group();
          requeueLast(last.text);
        } else {
          token = MarkedToken.of("text", m.group(), m.group());
          token.tokens = queueInline(m.group());
          tokens.add(token);
        }
        continue;
      }
      throw new IllegalArgumentException("Infinite loop on byte: " + (int) src.charAt(0));
    }
    top = true;
    return tokens;
  }

  /** JS {@code src.substring(n)}: past the end is the empty string (a merged blockquote's raw can outgrow the source). */
  private static String advance(String src, int n) {
    return n >= src.length() ? "" : src.substring(n);
  }

  /** Removes trailing {@code c}s. */
  static String rtrim(String s, char c) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == c) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String indentCodeCompensation(String raw, String text) {
    Matcher m = Pattern.compile("^(\\s+)(?:```)").matcher(raw);
    if (!m.find()) {
      return text;
    }
    int indent = m.group(1).length();
    List<String> out = new ArrayList<>();
    for (String node : text.split("\n", -1)) {
      Matcher n = Pattern.compile("^\\s+").matcher(node);
      out.add(n.find() && n.group().length() >= indent ? node.substring(indent) : node);
    }
    return String.join("\n", out);
  }
}
