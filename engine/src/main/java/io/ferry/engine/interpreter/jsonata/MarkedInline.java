package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A port of {@code marked}'s inline lexer (GFM): escapes, HTML tags, links, emphasis, code, breaks, strikethrough, URLs, text. */
final class MarkedInline {
  private static final java.util.regex.Pattern LINK_OPEN = java.util.regex.Pattern.compile("(?i)<a ");
  private static final java.util.regex.Pattern LINK_CLOSE = java.util.regex.Pattern.compile("(?i)</a>");
  private static final java.util.regex.Pattern RAW_OPEN = java.util.regex.Pattern.compile("(?i)<(pre|code|kbd|script)(\\s|>)");
  private static final java.util.regex.Pattern RAW_CLOSE = java.util.regex.Pattern.compile("(?i)</(pre|code|kbd|script)(\\s|>)");
  private final MarkedLexer lexer;
  private boolean inLink;
  private boolean inRawBlock;

  MarkedInline(MarkedLexer lexer) {
    this.lexer = lexer;
  }

  List<MarkedToken> tokens(String src, List<MarkedToken> tokens) {
    String masked = mask(src);
    String prevChar = "";
    boolean keepPrevChar = false;
    Matcher m;
    while (!src.isEmpty()) {
      if (!keepPrevChar) {
        prevChar = "";
      }
      keepPrevChar = false;
      MarkedToken last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
      MarkedToken token;
      if ((m = MarkedLexer.match(MarkedRules.ESCAPE, src)) != null) {
        token = MarkedToken.of("escape", m.group(), esc(m.group(1), false));
      } else if ((m = MarkedLexer.match(MarkedRules.TAG, src)) != null) {
        String raw = m.group();
        if (!inLink && LINK_OPEN.matcher(raw).lookingAt()) {
          inLink = true;
        } else if (inLink && LINK_CLOSE.matcher(raw).lookingAt()) {
          inLink = false;
        }
        if (!inRawBlock && RAW_OPEN.matcher(raw).lookingAt()) {
          inRawBlock = true;
        } else if (inRawBlock && RAW_CLOSE.matcher(raw).lookingAt()) {
          inRawBlock = false;
        }
        token = MarkedToken.of("html", raw, raw);
      } else if ((token = link(src)) != null || (token = reflink(src)) != null) {
        if (token.is("text") && last != null && last.is("text")) {
          last.raw += token.raw;
          last.text += token.text;
          src = src.substring(token.raw.length());
          continue;
        }
      } else if ((token = MarkedEmphasis.emStrong(this, src, masked, prevChar)) != null) {
        // em or strong
      } else if ((m = MarkedLexer.match(MarkedRules.CODESPAN, src)) != null) {
        String text = m.group(2).replace('\n', ' ');
        if (text.chars().anyMatch(c -> c != ' ') && text.startsWith(" ") && text.endsWith(" ")) {
          text = text.substring(1, text.length() - 1);
        }
        token = MarkedToken.of("codespan", m.group(), esc(text, true));
      } else if ((m = MarkedLexer.match(MarkedRules.BR, src)) != null) {
        token = new MarkedToken("br", m.group());
      } else if ((m = MarkedLexer.match(MarkedRules.DEL, src)) != null) {
        token = MarkedToken.of("del", m.group(), m.group(2));
        token.tokens = tokens(m.group(2), new ArrayList<>());
      } else if ((m = MarkedLexer.match(MarkedRules.AUTOLINK, src)) != null) {
        String text = esc(m.group(1), false);
        token = linkOf(m.group(), text, "@".equals(m.group(2)) ? "mailto:" + text : text);
      } else if (!inLink && (m = MarkedLexer.match(MarkedRules.URL, src)) != null) {
        token = url(m);
      } else if ((m = MarkedLexer.match(MarkedRules.INLINE_TEXT, src)) != null) {
        String raw = m.group();
        src = src.substring(raw.length());
        if (!raw.endsWith("_")) {
          prevChar = raw.substring(raw.length() - 1);
        }
        keepPrevChar = true;
        String text = inRawBlock ? raw : esc(raw, false);
        if (last != null && last.is("text")) {
          last.raw += raw;
          last.text += text;
        } else {
          tokens.add(MarkedToken.of("text", raw, text));
        }
        continue;
      } else {
        throw new IllegalArgumentException("Infinite loop on byte: " + (int) src.charAt(0));
      }
      src = src.substring(token.raw.length());
      tokens.add(token);
    }
    return tokens;
  }

  /** Links, code spans and HTML masked out so emphasis delimiters inside them are not matched. */
  private String mask(String src) {
    String masked = src;
    if (!lexer.links.isEmpty()) {
      masked = replaceEach(masked, MarkedRules.REFLINK_SEARCH, g -> lexer.links.containsKey(g.substring(g.lastIndexOf('[') + 1, g.length() - 1))
          ? "[" + "a".repeat(g.length() - 2) + "]" : g);
    }
    masked = replaceEach(masked, MarkedRules.BLOCK_SKIP, g -> "[" + "a".repeat(g.length() - 2) + "]");
    return replaceEach(masked, MarkedRules.ANY_PUNCTUATION, g -> "++");
  }

  private static String replaceEach(String s, Pattern p, java.util.function.Function<String, String> with) {
    StringBuilder sb = new StringBuilder();
    Matcher m = p.matcher(s);
    int at = 0;
    while (m.find()) {
      sb.append(s, at, m.start()).append(with.apply(m.group()));
      at = m.end();
    }
    return sb.append(s.substring(at)).toString();
  }

  private MarkedToken link(String src) {
    Matcher m = MarkedLexer.match(MarkedRules.LINK, src);
    if (m == null) {
      return null;
    }
    String whole = m.group();
    String label = m.group(1);
    String href = m.group(2);
    String title = m.group(3);
    String trimmedUrl = href.strip();
    if (trimmedUrl.startsWith("<")) {
      if (!trimmedUrl.endsWith(">")) {
        return null;
      }
      String rtrimSlash = MarkedLexer.rtrim(trimmedUrl.substring(0, trimmedUrl.length() - 1), '\\');
      if ((trimmedUrl.length() - rtrimSlash.length()) % 2 == 0) {
        return null;
      }
    } else {
      int lastParen = closingBracket(href);
      if (lastParen > -1) {
        int start = whole.startsWith("!") ? 5 : 4;
        href = href.substring(0, lastParen);
        whole = whole.substring(0, start + label.length() + lastParen).strip();
        title = "";
      }
    }
    title = title == null || title.isEmpty() ? "" : title.substring(1, title.length() - 1);
    href = href.strip();
    if (href.startsWith("<")) {
      href = href.substring(1, href.length() - 1);
    }
    href = href.isEmpty() ? href : MarkedRules.ANY_PUNCTUATION.matcher(href).replaceAll("$1");
    title = title.isEmpty() ? title : MarkedRules.ANY_PUNCTUATION.matcher(title).replaceAll("$1");
    return output(whole, label, href, title, whole);
  }

  private MarkedToken reflink(String src) {
    Matcher m = MarkedLexer.match(MarkedRules.REFLINK, src);
    if (m == null) {
      m = MarkedLexer.match(MarkedRules.NOLINK, src);
    }
    if (m == null) {
      return null;
    }
    String ref = m.groupCount() >= 2 && m.group(2) != null ? m.group(2) : m.group(1);
    String[] link = lexer.links.get(ref.replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT));
    if (link == null) {
      String text = m.group().substring(0, 1);
      return MarkedToken.of("text", text, text);
    }
    return output(m.group(), m.group(1), link[0], link[1], m.group());
  }

  private MarkedToken output(String whole, String label, String href, String title, String raw) {
    String text = label.replaceAll("\\\\([\\[\\]])", "$1");
    if (!whole.startsWith("!")) {
      inLink = true;
      MarkedToken t = MarkedToken.of("link", raw, text);
      t.href = href;
      t.title = title == null || title.isEmpty() ? null : esc(title, false);
      t.tokens = tokens(text, new ArrayList<>());
      inLink = false;
      return t;
    }
    MarkedToken t = MarkedToken.of("image", raw, esc(text, false));
    t.href = href;
    if (!lexer.escapes) {
      t.tokens = tokens(text, new ArrayList<>());
    }
    t.title = title == null || title.isEmpty() ? null : esc(title, false);
    return t;
  }

  private MarkedToken url(Matcher m) {
    String whole = m.group();
    if ("@".equals(m.group(2))) {
      String text = esc(whole, false);
      return linkOf(whole, text, "mailto:" + text);
    }
    String prev;
    do {
      prev = whole;
      Matcher b = MarkedRules.BACKPEDAL.matcher(whole);
      whole = b.lookingAt() ? b.group() : "";
    } while (!prev.equals(whole));
    String text = esc(whole, false);
    return linkOf(whole, text, "www.".equals(m.group(1)) ? "http://" + whole : whole);
  }

  private MarkedToken linkOf(String raw, String text, String href) {
    MarkedToken t = MarkedToken.of("link", raw, text);
    t.href = href;
    t.tokens = new ArrayList<>(List.of(MarkedToken.of("text", text, text)));
    return t;
  }

  private static int closingBracket(String s) {
    if (s.indexOf(')') == -1) {
      return -1;
    }
    int level = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        level++;
      } else if (c == ')' && --level < 0) {
        return i;
      }
    }
    return -1;
  }

  private String esc(String s, boolean encode) {
    return lexer.escapes ? MarkedRules.escape(s, encode) : s;
  }

  List<MarkedToken> inlineTokens(String src) {
    return tokens(src, new ArrayList<>());
  }
}
