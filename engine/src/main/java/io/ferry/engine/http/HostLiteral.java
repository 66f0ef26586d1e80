package io.ferry.engine.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Reads a URL host the way C resolvers and browsers do, so the guard judges the address a client would really reach:
 * IPv4 in any inet_aton form ({@code 0x7f000001}, {@code 2130706433}, {@code 0177.0.0.1}, {@code 127.1}), bracketed
 * IPv6, and names with a trailing dot. Java's own parser reads {@code 0177.0.0.1} as 177.0.0.1 and rejects the rest.
 */
public final class HostLiteral {
  private HostLiteral() {
  }

  /** The address a literal host denotes, or null when {@code host} is a name to resolve. */
  public static InetAddress address(String host) {
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    try {
      if (h.indexOf(':') >= 0) {
        int zone = h.indexOf('%');
        return InetAddress.getByName(zone < 0 ? h : h.substring(0, zone));
      }
      byte[] v4 = inetAton(h);
      return v4 == null ? null : InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The name to look up: lower case, one trailing dot (the DNS root) removed. */
  public static String name(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. */
  private static final java.util.regex.Pattern IPV4_CHARS = java.util.regex.Pattern.compile("[0-9a-fA-FxX.]+");

  static byte[] inetAton(String s) {
    String h = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    if (h.isEmpty() || !Character.isDigit(h.charAt(0)) || !IPV4_CHARS.matcher(h).matches()) {
      return null;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = number(parts[i]);
      if (v == null) {
        return null;
      }
      values[i] = v;
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address |= values[i] << (24 - 8 * i);
    }
    long last = values[parts.length - 1];
    int lastBits = 32 - 8 * (parts.length - 1);
    if (last >= (1L << lastBits)) {
      return null;
    }
    address |= last;
    return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
  }

  private static Long number(String p) {
    try {
      if (p.isEmpty() || p.length() > 12) {
        return null;
      }
      if (p.startsWith("0x") || p.startsWith("0X")) {
        return p.length() == 2 ? 0L : Long.parseLong(p.substring(2), 16);
      }
      if (p.length() > 1 && p.startsWith("0")) {
        return Long.parseLong(p.substring(1), 8);
      }
      return Long.parseLong(p);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
