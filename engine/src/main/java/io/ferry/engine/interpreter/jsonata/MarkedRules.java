package io.ferry.engine.interpreter.jsonata;

import java.util.regex.Pattern;

/**
 * The GFM grammar of {@code marked} 14 (the Markdown lexer Truto's converters use), as Java patterns. JS's
 * end-of-input {@code $} is written {@code \z} (Java's {@code $} also matches before a final newline); sub-rules are
 * spliced in without their leading {@code ^}, as marked's {@code edit()} does.
 */
final class MarkedRules {
  private MarkedRules() {
  }

  static final String BULLET = "(?:[*+-]|\\d{1,9}[.)])";
  // "(?:-[\t ]*){3,}" written as a character run (the same strings): Java recurses once per repetition of a group
  private static final String HR_SRC = " {0,3}(-[\\t ]*-[\\t ]*-[-\\t ]*|_[ \\t]*_[ \\t]*_[_ \\t]*|\\*[ \\t]*\\*[ \\t]*\\*[*\\t ]*)(?:\\n+|\\z)";
  private static final String TAGS = "address|article|aside|base|basefont|blockquote|body|caption"
      + "|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption"
      + "|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe"
      + "|legend|li|link|main|menu|menuitem|meta|nav|noframes|ol|optgroup|option"
      + "|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title"
      + "|tr|track|ul";
  private static final String P_HEADING = " {0,3}#{1,6}(?:\\s|\\z)";
  private static final String P_FENCES = " {0,3}(?:`{3,}(?=[^`\\n]*\\n)|~{3,})[^\\n]*\\n";
  private static final String P_LIST = " {0,3}(?:[*+-]|1[.)]) ";
  private static final String P_HTML = "</?(?:" + TAGS + ")(?: +|\\n|/?>)|<(?:script|pre|style|textarea|!--)";
  private static final String TABLE_HEAD = " *([^\\n ].*)\\n {0,3}((?:\\| *)?:?-+:? *(?:\\| *:?-+:? *)*(?:\\| *)?)";
  private static final String INTERRUPT = HR_SRC + "|" + P_HEADING + "| {0,3}>|" + P_FENCES + "|" + P_LIST + "|" + P_HTML;
  // Character runs are possessive (++) where marked's patterns step one character per repetition: Java's regex engine
  // recurses once per repetition of a group and overflows the stack on long text; a run cannot hold the character
  // that ends the construct, so the matches are the same.
  private static final String BLOCK_LABEL = "(?!\\s*\\])(?:[^\\[\\]\\\\]++|\\\\.)++";
  private static final String PUNCT = "\\p{P}\\p{S}";

  // Blocks of many lines (paragraphs, blockquotes, tables, indented code) are matched line by line in MarkedScan
  // with these pieces: as one pattern, Java would recurse once per line and overflow the stack on long blocks.
  static final Pattern PARAGRAPH_INTERRUPT = Pattern.compile("(?:" + INTERRUPT + "| +\\n)");
  static final Pattern PARAGRAPH_INTERRUPT_GFM = Pattern.compile("(?:" + INTERRUPT + "|" + TABLE_HEAD + "(?:\\n|\\z)| +\\n)");
  static final Pattern QUOTE_START = Pattern.compile(" {0,3}> ?");
  static final Pattern TABLE_HEAD_ROWS = Pattern.compile("^" + TABLE_HEAD);
  static final Pattern TABLE_ROW_STOP = Pattern.compile("(?: *\\n|" + INTERRUPT + "|(?: {4}| {0,3}\t)[^\\n])");
  static final Pattern CODE_LINE = Pattern.compile("(?: {4}| {0,3}\\t)[^\\n]+");
  static final Pattern BLANK_LINE = Pattern.compile("[ \\t]*(?:\\n|\\z)");
  static final Pattern NEWLINE = Pattern.compile("^(?:[ \\t]*(?:\\n|\\z))+");
  static final Pattern FENCES = Pattern.compile(
      "^ {0,3}(`{3,}(?=[^`\\n]*(?:\\n|\\z))|~{3,})([^\\n]*)(?:\\n|\\z)(?:|([\\s\\S]*?)(?:\\n|\\z))(?: {0,3}\\1[~`]* *(?=\\n|\\z)|\\z)");
  static final Pattern HR = Pattern.compile("^" + HR_SRC);
  static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?=\\s|\\z)(.*)(?:\\n+|\\z)");
  /** What may not start a setext heading's text, nor any of its continuation lines. */
  static final Pattern LHEADING_INTERRUPT;
  static final Pattern LHEADING_UNDERLINE = Pattern.compile(" {0,3}(=+|-+) *(?:\\n+|\\z)");
  static final Pattern BLANK_LINE_AHEAD = Pattern.compile("\\s*?\\n");
  static final Pattern TEXT = Pattern.compile("^[^\\n]+");
  static final Pattern DEF = Pattern.compile("^ {0,3}\\[(" + BLOCK_LABEL + ")\\]: *(?:\\n[ \\t]*)?([^<\\s][^\\s]*|<.*?>)(?:(?: +(?:\\n[ \\t]*)?| *\\n[ \\t]*)"
      + "((?:\"(?:[^\"\\\\]++|\\\\\"?)*\"|'[^'\\n]*(?:\\n[^'\\n]+)*\\n?'|\\([^()]*\\))))? *(?:\\n+|\\z)");
  static final Pattern LIST = Pattern.compile("^( {0,3}" + BULLET + ")([ \\t][^\\n]+?)?(?:\\n|\\z)");
  static final Pattern HTML;

  static {
    String interrupt = BULLET + " |(?: {4}| {0,3}\\t)| {0,3}(?:`{3,}|~{3,})| {0,3}>| {0,3}#{1,6}| {0,3}<[^\\n>]+>\\n";
    LHEADING_INTERRUPT = Pattern.compile("(?:" + interrupt + ")");
    String attribute = " +[a-zA-Z:_][\\w.:-]*(?: *= *\"[^\"\\n]*\"| *= *'[^'\\n]*'| *= *[^\\s\"'=<>`]+)?";
    HTML = Pattern.compile("^ {0,3}(?:"
        + "<(script|pre|style|textarea)[\\s>][\\s\\S]*?(?:</\\1>[^\\n]*\\n+|\\z)"
        + "|<!--(?:-?>|[\\s\\S]*?(?:-->|\\z))[^\\n]*(\\n+|\\z)"
        + "|<\\?[\\s\\S]*?(?:\\?>\\n*|\\z)"
        + "|<![A-Z][\\s\\S]*?(?:>\\n*|\\z)"
        + "|<!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>\\n*|\\z)"
        + "|</?(" + TAGS + ")(?: +|\\n|/?>)[\\s\\S]*?(?:(?:\\n[ \t]*)+\\n|\\z)"
        + "|<(?!script|pre|style|textarea)([a-z][\\w-]*)(?:" + attribute + ")*? */?>(?=[ \\t]*(?:\\n|\\z))[\\s\\S]*?(?:(?:\\n[ \t]*)+\\n|\\z)"
        + "|</(?!script|pre|style|textarea)[a-z][\\w-]*\\s*>(?=[ \\t]*(?:\\n|\\z))[\\s\\S]*?(?:(?:\\n[ \t]*)+\\n|\\z)"
        + ")", Pattern.CASE_INSENSITIVE);
  }

  // inline (GFM)
  static final Pattern ESCAPE = Pattern.compile("^\\\\([!\"#$%&'()*+,\\-./:;<=>?@\\[\\]\\\\^_`{|}~~|])");
  static final Pattern CODESPAN = Pattern.compile("^(`+)([^`]|[^`][\\s\\S]*?[^`])\\1(?!`)");
  static final Pattern BR = Pattern.compile("^( {2,}|\\\\)\\n(?!\\s*\\z)");
  private static final String EMAILCH = "[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]";
  static final Pattern INLINE_TEXT = Pattern.compile("^([`~]+|[^`~])(?:(?= {2,}\\n)|(?=" + EMAILCH + "+@)|[\\s\\S]*?(?:(?=[\\\\<!\\[`*~_]|\\b_|https?:\\/\\/|ftp:\\/\\/|www\\.|\\z)"
      + "|[^ ](?= {2,}\\n)|[^a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-](?=" + EMAILCH + "+@)))");
  static final Pattern PUNCTUATION = Pattern.compile("^((?![*_])[\\s" + PUNCT + "])");
  static final Pattern BLOCK_SKIP = Pattern.compile("\\[[^\\[\\]]*?\\]\\((?:[^\\\\\\(\\)]++|\\\\.|\\((?:[^\\\\\\(\\)]++|\\\\.)*+\\))*+\\)|`[^`]*?`|<[^<>]*?>");
  static final Pattern EM_STRONG_L = Pattern.compile("^(?:\\*+(?:((?!\\*)[" + PUNCT + "])|[^\\s*]))|^_+(?:((?!_)[" + PUNCT + "])|([^\\s_]))");
  static final Pattern EM_STRONG_R_AST = Pattern.compile("^[^_*]*?__[^_*]*?\\*[^_*]*?(?=__)"
      + "|[^*]+(?=[^*])"
      + "|(?!\\*)[" + PUNCT + "](\\*+)(?=[\\s]|\\z)"
      + "|[^" + PUNCT + "\\s](\\*+)(?!\\*)(?=[" + PUNCT + "\\s]|\\z)"
      + "|(?!\\*)[" + PUNCT + "\\s](\\*+)(?=[^" + PUNCT + "\\s])"
      + "|[\\s](\\*+)(?!\\*)(?=[" + PUNCT + "])"
      + "|(?!\\*)[" + PUNCT + "](\\*+)(?!\\*)(?=[" + PUNCT + "])"
      + "|[^" + PUNCT + "\\s](\\*+)(?=[^" + PUNCT + "\\s])");
  static final Pattern EM_STRONG_R_UND = Pattern.compile("^[^_*]*?\\*\\*[^_*]*?_[^_*]*?(?=\\*\\*)"
      + "|[^_]+(?=[^_])"
      + "|(?!_)[" + PUNCT + "](_+)(?=[\\s]|\\z)"
      + "|[^" + PUNCT + "\\s](_+)(?!_)(?=[" + PUNCT + "\\s]|\\z)"
      + "|(?!_)[" + PUNCT + "\\s](_+)(?=[^" + PUNCT + "\\s])"
      + "|[\\s](_+)(?!_)(?=[" + PUNCT + "])"
      + "|(?!_)[" + PUNCT + "](_+)(?!_)(?=[" + PUNCT + "])");
  static final Pattern ANY_PUNCTUATION = Pattern.compile("\\\\([" + PUNCT + "])");
  static final Pattern AUTOLINK = Pattern.compile("^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\\s\\x00-\\x1f<>]*|[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]+(@)[a-zA-Z0-9]"
      + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(?![-_]))>");
  static final Pattern TAG = Pattern.compile("^<!--(?:-?>|[\\s\\S]*?-->)|^</[a-zA-Z][\\w:-]*\\s*>|^<[a-zA-Z][\\w-]*(?:\\s+[a-zA-Z:_][\\w.:-]*"
      + "(?:\\s*=\\s*\"[^\"]*\"|\\s*=\\s*'[^']*'|\\s*=\\s*[^\\s\"'=<>`]+)?)*?\\s*/?>|^<\\?[\\s\\S]*?\\?>|^<![a-zA-Z]+\\s[\\s\\S]*?>|^<!\\[CDATA\\[[\\s\\S]*?\\]\\]>");
  private static final String INLINE_LABEL = "(?:\\[(?:[^\\[\\]\\\\]++|\\\\.)*+\\]|\\\\.|`[^`]*`|[^\\[\\]\\\\`]++)*?";
  static final Pattern LINK = Pattern.compile("^!?\\[(" + INLINE_LABEL + ")\\]\\(\\s*(<(?:[^\\n<>\\\\]++|\\\\.)++>|[^\\s\\x00-\\x1f]*)"
      + "(?:\\s+(\"(?:[^\"\\\\]++|\\\\\"?)*\"|'(?:[^'\\\\]++|\\\\'?)*'|\\((?:[^)\\\\]++|\\\\\\)?)*\\)))?\\s*\\)");
  static final Pattern REFLINK = Pattern.compile("^!?\\[(" + INLINE_LABEL + ")\\]\\[(" + BLOCK_LABEL + ")\\]");
  static final Pattern NOLINK = Pattern.compile("^!?\\[(" + BLOCK_LABEL + ")\\](?:\\[\\])?");
  static final Pattern REFLINK_SEARCH = Pattern.compile("!?\\[(" + INLINE_LABEL + ")\\]\\[(" + BLOCK_LABEL + ")\\]|!?\\[(" + BLOCK_LABEL + ")\\](?:\\[\\])?(?!\\()");
  static final Pattern URL = Pattern.compile("^((?:ftp|https?):\\/\\/|www\\.)(?:[a-zA-Z0-9\\-]+\\.?)+[^\\s<]*|^[A-Za-z0-9._+-]+(@)[a-zA-Z0-9-_]+(?:\\.[a-zA-Z0-9-_]*[a-zA-Z0-9])+(?![-_])",
      Pattern.CASE_INSENSITIVE);
  static final Pattern BACKPEDAL = Pattern.compile("^(?:[^?!.,:;*_'\"~()&]+|\\([^)]*\\)|&(?![a-zA-Z0-9]+;\\z)|[?!.,:;*_'\"~)]+(?!\\z))+");
  static final Pattern DEL = Pattern.compile("^(~~?)(?=[^\\s~])([\\s\\S]*?[^\\s~])\\1(?=[^~]|\\z)");

  /** marked's {@code escape()}: HTML-escapes, leaving entities alone unless {@code encode}. */
  private static final Pattern ESCAPE_ALL = Pattern.compile("[&<>\"']");
  private static final Pattern ESCAPE_NO_ENCODE = Pattern.compile("[<>\"']|&(?!(#\\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\\w+);)");
  private static final Pattern ENTITIES = Pattern.compile("&amp;|&lt;|&gt;|&quot;|&#39;|&#x2F;|&#x5C;|&#x60;|&#x3D;");

  static String escape(String html, boolean encode) {
    Pattern p = encode ? ESCAPE_ALL : ESCAPE_NO_ENCODE;
    if (!p.matcher(html).find()) {
      return html;
    }
    return p.matcher(html).replaceAll(m -> switch (m.group().charAt(0)) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      default -> "&#39;";
    });
  }

  /** Truto's {@code decodeHtmlEntities}: undoes the escapes marked applies to token text. */
  static String decodeEntities(String s) {
    return ENTITIES.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        switch (m.group()) {
          case "&amp;" -> "&";
          case "&lt;" -> "<";
          case "&gt;" -> ">";
          case "&quot;" -> "\"";
          case "&#39;" -> "'";
          case "&#x2F;" -> "/";
          case "&#x5C;" -> "\\";
          case "&#x60;" -> "`";
          default -> "=";
        }));
  }
}
