package io.ferry.engine.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Encodes Vert.x JSON values (JsonObject, JsonArray, maps, lists, strings, numbers, booleans, null) to UTF-8 bytes,
 * the same text {@code Json.encodeToBuffer} gives (Jackson's escapes, {@code Double.toString} numbers, quoted
 * non-finite doubles, ISO instants, unpadded URL-safe base64 for bytes). Proxy and unified answers are mostly short
 * ASCII strings, where Jackson's databind spends its time in serializer lookups and its growing byte builder: this
 * writes into one reused array per thread and copies the result once (measured about 3x faster on a unified page).
 * Values of other types are encoded by Vert.x's codec.
 */
public final class JsonWriter {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** Per ASCII char: 0 written as is, else the short escape letter, or 'u' for {@code \\u00XX}. */
  private static final byte[] ESCAPE = new byte[128];
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  /** The scratch array kept per thread stays below this; a larger answer's array is dropped after use. */
  private static final int KEEP = 1 << 20;
  private static final ThreadLocal<JsonWriter> WRITERS = ThreadLocal.withInitial(JsonWriter::new);

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
  }

  private final WrittenObjects written = new WrittenObjects();
  private byte[] buf = new byte[8192];
  private int len;
  private boolean busy;
  private SplicedValues spliced;

  private JsonWriter() {
  }

  /** The value's JSON text in a new buffer. */
  public static Buffer encode(Object value) {
    return encode(value, null);
  }

  /** As {@link #encode(Object)}, the objects of {@code spliced} written as the bytes they were parsed from. */
  public static Buffer encode(Object value, SplicedValues spliced) {
    JsonWriter w = WRITERS.get();
    if (w.busy) { // re-entered from a value's own toString: use a fresh writer
      w = new JsonWriter();
    }
    w.busy = true;
    w.spliced = spliced;
    try {
      w.len = 0;
      w.value(value);
      Buffer out = Buffer.buffer(w.len).appendBytes(w.buf, 0, w.len);
      if (w.buf.length > KEEP) {
        w.buf = new byte[8192];
      }
      return out;
    } finally {
      w.busy = false;
      w.spliced = null;
      w.written.clear();
    }
  }

  private void value(Object v) {
    if (v == null) {
      raw(NULL);
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof JsonObject o) {
      object(o.getMap());
    } else if (v instanceof JsonArray a) {
      array(a.getList());
    } else if (v instanceof Boolean b) { // final classes before interfaces (JsonTypes)
      raw(b ? TRUE : FALSE);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      ascii(Long.toString(((Number) v).longValue()));
    } else if (JsonTypes.isMap(v)) {
      object((Map<?, ?>) v);
    } else if (JsonTypes.isList(v)) {
      array((List<?>) v);
    } else if (v instanceof Double d) {
      floating(d, Double.toString(d));
    } else if (v instanceof Float f) {
      floating(f, Float.toString(f));
    } else if (v instanceof BigDecimal || v instanceof BigInteger) {
      ascii(v.toString());
    } else if (v instanceof CharSequence cs) {
      string(cs.toString());
    } else if (v instanceof Instant i) {
      string(DateTimeFormatter.ISO_INSTANT.format(i));
    } else if (v instanceof byte[] bytes) {
      string(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    } else if (v instanceof Buffer b) {
      string(Base64.getUrlEncoder().withoutPadding().encodeToString(b.getBytes()));
    } else if (v instanceof Enum<?> e) {
      string(e.name());
    } else {
      raw(io.vertx.core.json.Json.encodeToBuffer(v).getBytes());
    }
  }

  private void floating(double d, String text) {
    if (Double.isFinite(d)) {
      ascii(text);
    } else { // Jackson's default: non-finite numbers are quoted
      string(text);
    }
  }

  private void object(Map<?, ?> map) {
    if (spliced != null) {
      int i = spliced.indexOf(map);
      if (i >= 0) {
        raw(spliced.bytes(), spliced.start(i), spliced.end(i));
        return;
      }
    }
    if (map.size() >= WrittenObjects.MIN_FIELDS) {
      int slot = written.find(map);
      if (slot >= 0) { // the same instance written before in this answer: the same bytes again
        int n = written.length(slot);
        ensure(n);
        System.arraycopy(buf, written.start(slot), buf, len, n);
        len += n;
        return;
      }
      int start = len;
      fields(map);
      written.remember(map, start, len - start); // after the fields: nested objects may have taken slots meanwhile
      return;
    }
    fields(map);
  }

  private void fields(Map<?, ?> map) {
    ensure(1);
    buf[len++] = '{';
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        ensure(1);
        buf[len++] = ',';
      }
      first = false;
      string(String.valueOf(e.getKey()));
      ensure(1);
      buf[len++] = ':';
      value(e.getValue());
    }
    ensure(1);
    buf[len++] = '}';
  }

  private void array(List<?> list) {
    ensure(1);
    buf[len++] = '[';
    for (int i = 0, n = list.size(); i < n; i++) {
      if (i > 0) {
        ensure(1);
        buf[len++] = ',';
      }
      value(list.get(i));
    }
    ensure(1);
    buf[len++] = ']';
  }

  private void string(String s) {
    int n = s.length();
    ensure(n + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    int i = 0;
    for (; i < n; i++) { // the common case: ASCII needing no escape, one byte per char
      char c = s.charAt(i);
      if (c >= 128 || ESCAPE[c] != 0) {
        break;
      }
      b[p++] = (byte) c;
    }
    len = p;
    if (i < n) {
      rest(s, i);
    }
    ensure(1);
    buf[len++] = '"';
  }

  /** The rest of a string from its first char that needs an escape or more than one byte. */
  private void rest(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      ensure(6);
      if (c < 128) {
        byte esc = ESCAPE[c];
        if (esc == 0) {
          buf[len++] = (byte) c;
        } else if (esc == 'u') {
          unicodeEscape(c);
        } else {
          buf[len++] = '\\';
          buf[len++] = esc;
        }
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) { // as Jackson 2 writes them: each half as an escape, paired or not
        unicodeEscape(c);
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void unicodeEscape(char c) {
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[(c >> 12) & 0xF];
    buf[len++] = HEX[(c >> 8) & 0xF];
    buf[len++] = HEX[(c >> 4) & 0xF];
    buf[len++] = HEX[c & 0xF];
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void raw(byte[] bytes) {
    raw(bytes, 0, bytes.length);
  }

  private void raw(byte[] bytes, int from, int to) {
    ensure(to - from);
    System.arraycopy(bytes, from, buf, len, to - from);
    len += to - from;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
