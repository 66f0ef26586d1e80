package io.ferry.engine.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Where values sit in a JSON text the parser already accepted, found by scanning its structure (strings, brackets)
 * without building values: a value can then be written on as the bytes it arrived in instead of being encoded again.
 * Object keys are matched as the parser keeps them (escapes decoded, the last of duplicates wins); a text that is not
 * UTF-8 answers null, and so does anything unexpected: the caller encodes instead.
 */
public final class JsonSpans {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private final byte[] json;
  /** Set by {@link #member} when it meets the path's last key: the elements of its (last) array value. */
  private int[] found;
  /** The index after the array {@link #elementsFrom} scanned last. */
  private int arrayEnd;

  private JsonSpans(byte[] json) {
    this.json = json;
  }

  /** {start0, end0, start1, end1, ...}: the elements of the array at {@code path} (object keys from the root), or null. */
  public static int[] elements(byte[] json, List<String> path) {
    if (!utf8(json)) {
      return null;
    }
    JsonSpans s = new JsonSpans(json);
    if (path.isEmpty()) {
      int at = s.ws(0);
      return at < json.length && json[at] == '[' ? s.elementsFrom(at) : null;
    }
    // the records are scanned once, as the last key's value, while the object around them is walked to its end
    int at = s.valueAt(s.ws(0), path.subList(0, path.size() - 1));
    if (at < 0 || json[at] != '{') {
      return null;
    }
    int last = s.member(at, path.get(path.size() - 1).getBytes(StandardCharsets.UTF_8), true);
    return last < 0 || json[last] != '[' ? null : s.found;
  }

  /** {start, end} of the value at {@code path}, or null. */
  public static int[] value(byte[] json, List<String> path) {
    if (!utf8(json)) {
      return null;
    }
    JsonSpans s = new JsonSpans(json);
    int at = s.valueAt(s.ws(0), path);
    int end = at < 0 ? -1 : s.skip(at);
    return end < 0 ? null : new int[] {at, end};
  }

  /** Not UTF-16/32 and no byte order mark: the bytes can go into a UTF-8 answer as they are. */
  private static boolean utf8(byte[] json) {
    return json.length >= 2 && json[0] != 0 && json[1] != 0 && (json[0] & 0xFF) != 0xEF;
  }

  private int valueAt(int at, List<String> path) {
    for (String key : path) {
      if (at < 0 || at >= json.length || json[at] != '{') {
        return -1;
      }
      at = member(at, key.getBytes(StandardCharsets.UTF_8), false);
    }
    return at < json.length ? at : -1;
  }

  /**
   * The start of the value of the last member named {@code key} of the object at {@code at}, or -1; with
   * {@code elements}, an array value's elements are kept in {@link #found} as it is passed over.
   */
  private int member(int at, byte[] key, boolean elements) {
    int result = -1;
    int i = ws(at + 1);
    if (i < json.length && json[i] == '}') {
      return -1;
    }
    while (i < json.length && json[i] == '"') {
      int keyEnd = stringEnd(i);
      if (keyEnd < 0) {
        return -1;
      }
      boolean escaped = indexOf((byte) '\\', i + 1, keyEnd - 1) >= 0;
      boolean matches = escaped ? Arrays.equals(unescaped(i, keyEnd), key)
          : keyEnd - i - 2 == key.length && Arrays.equals(json, i + 1, keyEnd - 1, key, 0, key.length);
      i = ws(keyEnd);
      if (i >= json.length || json[i] != ':') {
        return -1;
      }
      int value = ws(i + 1);
      int end;
      if (matches) {
        result = value;
        found = elements && value < json.length && json[value] == '[' ? elementsFrom(value) : null;
        end = found != null ? arrayEnd : skip(value);
      } else {
        end = skip(value);
      }
      if (end < 0) {
        return -1;
      }
      i = ws(end);
      if (i >= json.length) {
        return -1;
      }
      if (json[i] == '}') {
        return result;
      }
      if (json[i] != ',') {
        return -1;
      }
      i = ws(i + 1);
    }
    return -1;
  }

  private int[] elementsFrom(int at) {
    int[] spans = new int[16];
    int n = 0;
    int i = ws(at + 1);
    if (i < json.length && json[i] == ']') {
      arrayEnd = i + 1;
      return new int[0];
    }
    while (i < json.length) {
      int end = skip(i);
      if (end < 0) {
        return null;
      }
      if (n + 2 > spans.length) {
        spans = Arrays.copyOf(spans, spans.length * 2);
      }
      spans[n++] = i;
      spans[n++] = end;
      i = ws(end);
      if (i >= json.length) {
        return null;
      }
      if (json[i] == ']') {
        arrayEnd = i + 1;
        return Arrays.copyOf(spans, n);
      }
      if (json[i] != ',') {
        return null;
      }
      i = ws(i + 1);
    }
    return null;
  }

  /** The index after the value starting at {@code i}, or -1. */
  private int skip(int i) {
    if (i >= json.length) {
      return -1;
    }
    byte b = json[i];
    if (b == '"') {
      return stringEnd(i);
    }
    if (b == '{' || b == '[') {
      int depth = 0;
      for (int j = i; j < json.length; j++) {
        byte c = json[j];
        if (c == '"') {
          j = stringEnd(j);
          if (j < 0) {
            return -1;
          }
          j--;
        } else if (c == '/') {
          return -1; // a comment (Vert.x lets Jackson read them): it must not reach the answer
        } else if (c == '{' || c == '[') {
          depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return j + 1;
        }
      }
      return -1;
    }
    int j = i;
    while (j < json.length && json[j] != ',' && json[j] != '}' && json[j] != ']' && json[j] != ' ' && json[j] != '\n'
        && json[j] != '\r' && json[j] != '\t') {
      if (json[j] == '/') {
        return -1;
      }
      j++;
    }
    return j == i ? -1 : j;
  }

  /**
   * The index after the closing quote of the string opening at {@code i}, or -1; also -1 for bytes that are not
   * well-formed UTF-8 (Jackson reads overlong forms and encoded surrogates, which must not be copied into an answer).
   * Strings are most of a record's bytes: they are passed over eight bytes at a time while none of the eight is a
   * quote, a backslash or a non-ASCII byte.
   */
  private int stringEnd(int i) {
    int j = i + 1;
    while (true) {
      while (j + 8 <= json.length) {
        long v = (long) LONGS.get(json, j);
        long special = zeroBytes(v ^ QUOTES) | zeroBytes(v ^ BACKSLASHES) | (v & HIGH_BITS);
        if (special != 0) { // the lowest marked byte is a true match: false marks only follow a true one
          j += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        j += 8;
      }
      if (j >= json.length) {
        return -1;
      }
      byte c = json[j];
      if (c == '\\') {
        j += 2;
      } else if (c == '"') {
        return j + 1;
      } else if (c < 0) {
        int n = utf8Sequence(j);
        if (n < 0) {
          return -1;
        }
        j += n;
      } else {
        j++;
      }
    }
  }

  /** The high bit set in each byte of {@code x} that is zero (and possibly in bytes after one that is). */
  private static long zeroBytes(long x) {
    return (x - 0x0101010101010101L) & ~x & HIGH_BITS;
  }

  /** The length of the well-formed UTF-8 sequence at {@code j} (RFC 3629), or -1. */
  private int utf8Sequence(int j) {
    int b = json[j] & 0xFF;
    int n;
    int min;
    int max = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3;
      min = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
      max = b == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4;
      min = b == 0xF0 ? 0x90 : 0x80;
      max = b == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
    } else {
      return -1;
    }
    if (j + n > json.length) {
      return -1;
    }
    int second = json[j + 1] & 0xFF;
    if (second < min || second > max) {
      return -1;
    }
    for (int k = 2; k < n; k++) {
      if ((json[j + k] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return n;
  }

  /** A key written with escapes, as UTF-8 bytes: rare, so the parser decodes it. */
  private byte[] unescaped(int start, int end) {
    Object key = io.vertx.core.json.Json.decodeValue(io.vertx.core.buffer.Buffer.buffer(Arrays.copyOfRange(json, start, end)));
    return String.valueOf(key).getBytes(StandardCharsets.UTF_8);
  }

  private int ws(int i) {
    while (i >= 0 && i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
      i++;
    }
    return i;
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (json[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
