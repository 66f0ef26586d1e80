package io.ferry.engine.interpreter.jsonata;

import java.util.regex.Matcher;

/** marked's emphasis tokenizer: delimiter runs matched as CommonMark's rules 9-10 have it, over the masked source. */
final class MarkedEmphasis {
  private static final java.util.regex.Pattern LETTER_OR_DIGIT = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]");
  private MarkedEmphasis() {
  }

  static MarkedToken emStrong(MarkedInline inline, String src, String masked, String prevChar) {
    Matcher match = MarkedLexer.match(MarkedRules.EM_STRONG_L, src);
    if (match == null) {
      return null;
    }
    if (match.group(3) != null && LETTER_OR_DIGIT.matcher(prevChar).matches()) {
      return null;
    }
    String nextChar = match.group(1) != null ? match.group(1) : match.group(2) != null ? match.group(2) : "";
    if (!nextChar.isEmpty() && !prevChar.isEmpty() && !MarkedRules.PUNCTUATION.matcher(prevChar).lookingAt()) {
      return null;
    }
    String left = match.group();
    int lLength = left.codePointCount(0, left.length()) - 1;
    int delimTotal = lLength;
    int midDelimTotal = 0;
    Matcher end = (left.charAt(0) == '*' ? MarkedRules.EM_STRONG_R_AST : MarkedRules.EM_STRONG_R_UND)
        .matcher(masked.substring(Math.max(0, masked.length() - src.length() + lLength)));
    while (end.find()) {
      String rDelim = null;
      int group = 0;
      for (int g = 1; g <= 6 && g <= end.groupCount(); g++) {
        if (end.group(g) != null && !end.group(g).isEmpty()) {
          rDelim = end.group(g);
          group = g;
          break;
        }
      }
      if (rDelim == null) {
        continue;
      }
      int rLength = rDelim.codePointCount(0, rDelim.length());
      if (group == 3 || group == 4) {
        delimTotal += rLength;
        continue;
      } else if (group == 5 || group == 6) {
        if (lLength % 3 != 0 && (lLength + rLength) % 3 == 0) {
          midDelimTotal += rLength;
          continue;
        }
      }
      delimTotal -= rLength;
      if (delimTotal > 0) {
        continue;
      }
      rLength = Math.min(rLength, rLength + delimTotal + midDelimTotal);
      int lastCharLength = Character.charCount(end.group().codePointAt(0));
      String raw = src.substring(0, Math.min(src.length(), lLength + end.start() + lastCharLength + rLength));
      if (Math.min(lLength, rLength) % 2 != 0) {
        String text = raw.substring(1, raw.length() - 1);
        MarkedToken t = MarkedToken.of("em", raw, text);
        t.tokens = inline.inlineTokens(text);
        return t;
      }
      String text = raw.substring(2, raw.length() - 2);
      MarkedToken t = MarkedToken.of("strong", raw, text);
      t.tokens = inline.inlineTokens(text);
      return t;
    }
    return null;
  }
}
