package io.ferry.engine.interpreter.jsonata;

import java.util.List;

/**
 * One token of the {@code marked} lexer (the Markdown tokens Truto's converters walk). Fields a token type lacks stay
 * null, as the JS properties are absent; a table cell has no type, only {@code text} and {@code tokens}.
 */
final class MarkedToken {
  String type;
  String raw;
  String text;
  /** Child tokens; null when the JS token has no {@code tokens} property (an empty list is a present, empty one). */
  List<MarkedToken> tokens;
  int depth;
  String lang;
  String href;
  String title;
  boolean ordered;
  Object start;
  boolean loose;
  List<MarkedToken> items;
  boolean task;
  Boolean checked;
  List<MarkedToken> header;
  List<List<MarkedToken>> rows;
  /** A table cell's place and alignment ("left", "center", "right" or null). */
  boolean headerCell;
  String align;

  MarkedToken(String type, String raw) {
    this.type = type;
    this.raw = raw;
  }

  static MarkedToken of(String type, String raw, String text) {
    MarkedToken t = new MarkedToken(type, raw);
    t.text = text;
    return t;
  }

  boolean is(String t) {
    return t.equals(type);
  }
}
