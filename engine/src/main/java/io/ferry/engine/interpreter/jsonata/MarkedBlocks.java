package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** marked's container tokenizers (blockquote, list, GFM table), which lex their content as blocks again. */
final class MarkedBlocks {
  private static final Pattern QUOTE_LINE = Pattern.compile(" {0,3}>");
  private static final Pattern ENDS_BLANK = Pattern.compile("\\n[ \\t]*\\n[ \\t]*\\z");
  private static final Pattern TASK = Pattern.compile("^\\[[ xX]\\] ");
  private static final Pattern TWO_BREAKS = Pattern.compile("\\n.*\\n");

  private MarkedBlocks() {
  }

  static MarkedToken blockquote(MarkedLexer lexer, String src) {
    int end = MarkedScan.blockquote(src);
    if (end < 0) {
      return null;
    }
    List<String> lines = new ArrayList<>(Arrays.asList(MarkedLexer.rtrim(src.substring(0, end), '\n').split("\n", -1)));
    String raw = "";
    String text = "";
    List<MarkedToken> tokens = new ArrayList<>();
    while (!lines.isEmpty()) {
      boolean inBlockquote = false;
      List<String> current = new ArrayList<>();
      int i;
      for (i = 0; i < lines.size(); i++) {
        if (QUOTE_LINE.matcher(lines.get(i)).lookingAt()) {
          current.add(lines.get(i));
          inBlockquote = true;
        } else if (!inBlockquote) {
          current.add(lines.get(i));
        } else {
          break;
        }
      }
      lines = new ArrayList<>(lines.subList(i, lines.size()));
      String currentRaw = String.join("\n", current);
      String currentText = currentRaw.replaceAll("\\n {0,3}((?:=+|-+) *)(?=\\n|\\z)", "\n    $1").replaceAll("(?m)^ {0,3}>[ \\t]?", "");
      raw = raw.isEmpty() ? currentRaw : raw + "\n" + currentRaw;
      text = text.isEmpty() ? currentText : text + "\n" + currentText;
      boolean top = lexer.top;
      lexer.top = true;
      lexer.blockTokens(currentText, tokens, true);
      lexer.top = top;
      if (lines.isEmpty()) {
        break;
      }
      MarkedToken last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
      if (last != null && last.is("code")) {
        break;
      }
      if (last != null && last.is("blockquote")) {
        MarkedToken replaced = blockquote(lexer, last.raw + "\n" + String.join("\n", lines));
        tokens.set(tokens.size() - 1, replaced);
        raw = substring(raw, 0, raw.length() - last.raw.length()) + replaced.raw;
        text = substring(text, 0, text.length() - last.text.length()) + replaced.text;
        break;
      }
      if (last != null && last.is("list")) {
        String newText = last.raw + "\n" + String.join("\n", lines);
        MarkedToken replaced = list(lexer, newText);
        tokens.set(tokens.size() - 1, replaced);
        raw = substring(raw, 0, raw.length() - last.raw.length()) + replaced.raw;
        text = substring(text, 0, text.length() - last.raw.length()) + replaced.raw;
        lines = new ArrayList<>(Arrays.asList(substring(newText, replaced.raw.length(), newText.length()).split("\n", -1)));
      }
    }
    MarkedToken t = MarkedToken.of("blockquote", raw, text);
    t.tokens = tokens;
    return t;
  }

  static MarkedToken list(MarkedLexer lexer, String src) {
    Matcher cap = MarkedLexer.match(MarkedRules.LIST, src);
    if (cap == null) {
      return null;
    }
    String bull = cap.group(1).strip();
    boolean ordered = bull.length() > 1;
    MarkedToken list = new MarkedToken("list", "");
    list.ordered = ordered;
    list.start = ordered ? (Object) JsonValues.number(Double.parseDouble(bull.substring(0, bull.length() - 1))) : "";
    list.items = new ArrayList<>();
    String bullRe = ordered ? "\\d{1,9}\\" + bull.charAt(bull.length() - 1) : "\\" + bull;
    Pattern itemRegex = Pattern.compile("^( {0,3}" + bullRe + ")((?:[\t ][^\\n]*)?(?:\\n|\\z))");
    boolean endsWithBlankLine = false;
    while (!src.isEmpty()) {
      boolean endEarly = false;
      Matcher item = itemRegex.matcher(src);
      if (!item.lookingAt() || MarkedRules.HR.matcher(src).lookingAt()) {
        break;
      }
      String raw = item.group();
      src = src.substring(raw.length());
      String line = tabsToSpaces(item.group(2).split("\n", -1)[0]);
      String nextLine = src.split("\n", -1)[0];
      boolean blankLine = line.isBlank();
      int indent;
      String contents = "";
      if (blankLine) {
        indent = item.group(1).length() + 1;
      } else {
        indent = firstNonSpace(item.group(2));
        indent = indent > 4 ? 1 : indent;
        contents = line.substring(Math.min(indent, line.length()));
        indent += item.group(1).length();
      }
      if (blankLine && nextLine.matches("[ \\t]*")) {
        raw += nextLine + "\n";
        src = src.substring(Math.min(src.length(), nextLine.length() + 1));
        endEarly = true;
      }
      if (!endEarly) {
        int n = Math.min(3, indent - 1);
        Pattern nextBullet = Pattern.compile("^ {0," + n + "}(?:[*+-]|\\d{1,9}[.)])((?:[ \t][^\\n]*)?(?:\\n|\\z))");
        Pattern hr = Pattern.compile("^ {0," + n + "}(- *- *-[- ]*|_ *_ *_[_ ]*|\\* *\\* *\\*[* ]*)(?:\\n+|\\z)");
        Pattern fences = Pattern.compile("^ {0," + n + "}(?:```|~~~)");
        Pattern heading = Pattern.compile("^ {0," + n + "}#");
        // marked 15 (ADF) also ends an item at an HTML comment
        Pattern html = Pattern.compile("^ {0," + n + "}" + (lexer.escapes ? "<[a-z].*>" : "<(?:[a-z].*>|!--)"), Pattern.CASE_INSENSITIVE);
        while (!src.isEmpty()) {
          String rawLine = src.split("\n", -1)[0];
          nextLine = rawLine;
          String noTabs = nextLine.replace("\t", "    ");
          if (fences.matcher(nextLine).find() || heading.matcher(nextLine).find() || html.matcher(nextLine).find()
              || nextBullet.matcher(nextLine).find() || hr.matcher(nextLine).find()) {
            break;
          }
          if (firstNonSpace(noTabs) >= indent || nextLine.isBlank()) {
            contents += "\n" + noTabs.substring(Math.min(indent, noTabs.length()));
          } else {
            if (blankLine || firstNonSpace(line.replace("\t", "    ")) >= 4 || fences.matcher(line).find() || heading.matcher(line).find()
                || hr.matcher(line).find()) {
              break;
            }
            contents += "\n" + nextLine;
          }
          if (!blankLine && nextLine.isBlank()) {
            blankLine = true;
          }
          raw += rawLine + "\n";
          src = src.substring(Math.min(src.length(), rawLine.length() + 1));
          line = noTabs.substring(Math.min(indent, noTabs.length()));
        }
      }
      if (!list.loose) {
        if (endsWithBlankLine) {
          list.loose = true;
        } else if (ENDS_BLANK.matcher(raw).find()) {
          endsWithBlankLine = true;
        }
      }
      MarkedToken li = MarkedToken.of("list_item", raw, contents);
      Matcher task = TASK.matcher(contents);
      if (task.lookingAt()) {
        li.task = true;
        li.checked = !task.group().equals("[ ] ");
        li.text = contents.replaceFirst("^\\[[ xX]\\] +", "");
      }
      list.items.add(li);
      list.raw += raw;
    }
    MarkedToken lastItem = list.items.get(list.items.size() - 1);
    lastItem.raw = lastItem.raw.stripTrailing();
    lastItem.text = lastItem.text.stripTrailing();
    list.raw = list.raw.stripTrailing();
    for (MarkedToken li : list.items) {
      lexer.top = false;
      li.tokens = lexer.blockTokens(li.text, new ArrayList<>(), false);
      if (!list.loose) {
        list.loose = li.tokens.stream().anyMatch(t -> t.is("space") && TWO_BREAKS.matcher(t.raw).find());
      }
    }
    if (list.loose) {
      list.items.forEach(li -> li.loose = true);
    }
    return list;
  }

  static MarkedToken table(MarkedLexer lexer, String src) {
    MarkedScan.Table cap = MarkedScan.table(src);
    if (cap == null || !Pattern.compile("[:|]").matcher(cap.align()).find()) {
      return null;
    }
    List<String> headers = splitCells(cap.header(), 0);
    String[] aligns = cap.align().replaceAll("^\\||\\| *$", "").split("\\|", -1);
    List<String> rows = cap.rows() != null && !cap.rows().isBlank()
        ? Arrays.asList(cap.rows().replaceFirst("\\n[ \\t]*\\z", "").split("\n", -1)) : List.of();
    if (headers.size() != aligns.length) {
      return null;
    }
    MarkedToken table = new MarkedToken("table", cap.raw());
    table.header = new ArrayList<>();
    table.rows = new ArrayList<>();
    List<String> align = new ArrayList<>();
    for (String a : aligns) {
      align.add(a.matches(" *-+: *") ? "right" : a.matches(" *:-+: *") ? "center" : a.matches(" *:-+ *") ? "left" : null);
    }
    for (int i = 0; i < headers.size(); i++) {
      MarkedToken cell = cell(lexer, headers.get(i));
      cell.headerCell = true;
      cell.align = align.get(i);
      table.header.add(cell);
    }
    for (String row : rows) {
      List<MarkedToken> cells = new ArrayList<>();
      List<String> texts = splitCells(row, headers.size());
      for (int i = 0; i < texts.size(); i++) {
        MarkedToken cell = cell(lexer, texts.get(i));
        cell.align = i < align.size() ? align.get(i) : null;
        cells.add(cell);
      }
      table.rows.add(cells);
    }
    return table;
  }

  private static MarkedToken cell(MarkedLexer lexer, String text) {
    MarkedToken cell = MarkedToken.of(null, null, text);
    cell.tokens = lexer.queueInline(text);
    return cell;
  }

  private static List<String> splitCells(String tableRow, int count) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < tableRow.length(); i++) {
      char c = tableRow.charAt(i);
      if (c == '|') {
        boolean escaped = false;
        for (int j = i - 1; j >= 0 && tableRow.charAt(j) == '\\'; j--) {
          escaped = !escaped;
        }
        row.append(escaped ? "|" : " |");
      } else {
        row.append(c);
      }
    }
    List<String> cells = new ArrayList<>(Arrays.asList(row.toString().split(" \\|", -1)));
    if (cells.get(0).isBlank()) {
      cells.remove(0);
    }
    if (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
      cells.remove(cells.size() - 1);
    }
    if (count > 0) {
      while (cells.size() > count) {
        cells.remove(cells.size() - 1);
      }
      while (cells.size() < count) {
        cells.add("");
      }
    }
    cells.replaceAll(c -> c.strip().replace("\\|", "|"));
    return cells;
  }

  /** JS {@code substring}: bounds clamped to the string, swapped when reversed. */
  private static String substring(String s, int start, int end) {
    int a = Math.max(0, Math.min(start, s.length()));
    int b = Math.max(0, Math.min(end, s.length()));
    return s.substring(Math.min(a, b), Math.max(a, b));
  }

  private static String tabsToSpaces(String line) {
    Matcher m = Pattern.compile("^\\t+").matcher(line);
    return m.find() ? " ".repeat(3 * m.group().length()) + line.substring(m.end()) : line;
  }

  private static int firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != ' ') {
        return i;
      }
    }
    return -1;
  }
}
