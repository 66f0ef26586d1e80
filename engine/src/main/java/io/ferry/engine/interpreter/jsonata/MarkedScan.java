package io.ferry.engine.interpreter.jsonata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * marked's multi-line block rules (paragraph, blockquote, GFM table, indented code, setext heading) matched line by
 * line: the same extents as marked's regexes, without Java's per-repetition recursion (a 2000-line paragraph
 * overflows a 1 MB stack as a single pattern).
 */
final class MarkedScan {
  record Table(String raw, String header, String align, String rows) {
  }

  private MarkedScan() {
  }

  /** {@code ^([^\n]+(?:\n(?!interrupt)[^\n]+)*)}: the end of the paragraph starting at {@code from}, or -1. */
  static int paragraph(String src, int from, boolean gfm) {
    if (from >= src.length() || src.charAt(from) == '\n') {
      return -1;
    }
    Pattern interrupt = gfm ? MarkedRules.PARAGRAPH_INTERRUPT_GFM : MarkedRules.PARAGRAPH_INTERRUPT;
    int end = lineEnd(src, from);
    while (end + 1 < src.length() && src.charAt(end + 1) != '\n' && !at(interrupt, src, end + 1)) {
      end = lineEnd(src, end + 1);
    }
    return end;
  }

  /** {@code ^( {0,3}> ?(paragraph|[^\n]*)(?:\n|$))+}: the blockquote's extent, or -1. */
  static int blockquote(String src) {
    int pos = 0;
    boolean any = false;
    while (pos < src.length()) {
      Matcher start = MarkedRules.QUOTE_START.matcher(src).region(pos, src.length());
      if (!start.lookingAt()) {
        break;
      }
      int p = start.end();
      int para = paragraph(src, p, false);
      int q = para >= 0 ? para : lineEnd(src, p);
      pos = q < src.length() ? q + 1 : q;
      any = true;
    }
    return any ? pos : -1;
  }

  /** marked's GFM table rule: header, delimiter row, then rows until a blank line or another block starts. */
  static Table table(String src) {
    Matcher head = MarkedRules.TABLE_HEAD_ROWS.matcher(src);
    if (!head.lookingAt()) {
      return null;
    }
    int pos = head.end();
    if (pos == src.length()) {
      return new Table(src, head.group(1), head.group(2), null);
    }
    if (src.charAt(pos) != '\n') {
      return null;
    }
    int rowsStart = ++pos;
    while (pos < src.length() && !at(MarkedRules.TABLE_ROW_STOP, src, pos)) {
      int end = lineEnd(src, pos);
      pos = end < src.length() ? end + 1 : end;
    }
    String rows = src.substring(rowsStart, pos);
    while (pos < src.length() && src.charAt(pos) == '\n') {
      pos++;
    }
    return new Table(src.substring(0, pos), head.group(1), head.group(2), rows);
  }

  /** {@code ^((?: {4}| {0,3}\t)[^\n]+(?:\n(?:[ \t]*(?:\n|$))*)?)+}: indented code's extent, or -1. */
  static int code(String src) {
    int pos = 0;
    boolean any = false;
    while (at(MarkedRules.CODE_LINE, src, pos)) {
      any = true;
      pos = lineEnd(src, pos);
      if (pos < src.length()) {
        pos++;
        Matcher blank = MarkedRules.BLANK_LINE.matcher(src);
        while (pos < src.length() && blank.region(pos, src.length()).lookingAt() && blank.end() > pos) {
          pos = blank.end();
        }
      }
    }
    return any ? pos : -1;
  }

  /**
   * A setext heading (text lines, then a line of = or -): marked's lazy regex, walked line by line here because
   * Java's regex engine recurses once per character of such a pattern and overflows the stack on long paragraphs.
   */
  static MarkedToken lheading(MarkedLexer lexer, String src) {
    if (MarkedRules.LHEADING_INTERRUPT.matcher(src).lookingAt()) {
      return null;
    }
    int pos = 0;
    while (true) {
      int nl = src.indexOf('\n', pos);
      if (nl < 0 || hasJsLineBreak(src, pos, nl)) {
        return null;
      }
      Matcher underline = MarkedRules.LHEADING_UNDERLINE.matcher(src).region(nl + 1, src.length());
      if (nl > 0 && underline.lookingAt()) {
        String text = src.substring(0, nl);
        MarkedToken t = MarkedToken.of("heading", src.substring(0, underline.end()), text);
        t.depth = underline.group(1).charAt(0) == '=' ? 1 : 2;
        t.tokens = lexer.queueInline(text);
        return t;
      }
      Matcher blank = MarkedRules.BLANK_LINE_AHEAD.matcher(src).region(nl + 1, src.length());
      Matcher interrupt = MarkedRules.LHEADING_INTERRUPT.matcher(src).region(nl + 1, src.length());
      if (blank.lookingAt() || interrupt.lookingAt()) {
        return null;
      }
      pos = nl + 1;
    }
  }

  /** Whether the text holds a character JS's "." does not match besides "\n". */
  private static boolean hasJsLineBreak(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static boolean at(Pattern p, String src, int pos) {
    return pos <= src.length() && p.matcher(src).region(pos, src.length()).lookingAt();
  }

  private static int lineEnd(String src, int from) {
    int nl = src.indexOf('\n', from);
    return nl < 0 ? src.length() : nl;
  }
}
