package io.ferry.engine.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses an outbound call may never reach: everything that is not a public unicast address. IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they lead to.
 */
public final class AddressPolicy {
  private AddressPolicy() {
  }

  /** Why {@code a} is refused, or null when it is a public unicast address. */
  public static String refusal(InetAddress a) {
    if (a instanceof Inet4Address) {
      return refusal4(a.getAddress());
    }
    byte[] b = a.getAddress();
    if (isZero(b, 0, 16)) {
      return "unspecified";
    }
    if (isZero(b, 0, 15) && b[15] == 1) {
      return "loopback";
    }
    if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return "IPv4-mapped " + describe4(b, 12); // ::ffff:a.b.c.d
    }
    if (isZero(b, 0, 12)) {
      return "IPv4-compatible " + describe4(b, 12); // ::a.b.c.d, deprecated and never public
    }
    int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (w0 == 0x0064 && w1 == 0xff9b) {
      return "NAT64 " + describe4(b, 12); // 64:ff9b::/96 and the local-use 64:ff9b:1::/48: another network's IPv4
    }
    if (w0 == 0x2002) {
      return "6to4 " + describe4(b, 2); // 2002:aabb:ccdd::/48 relays to aa.bb.cc.dd
    }
    if (w0 == 0x2001 && w1 == 0) {
      return "Teredo";
    }
    if (w0 == 0x2001 && w1 == 0x0db8) {
      return "documentation";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "unique-local";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return "link-local";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "site-local";
    }
    if ((b[0] & 0xff) == 0xff) {
      return "multicast";
    }
    if (w0 == 0x0100 && isZero(b, 2, 8)) {
      return "discard-only";
    }
    return null;
  }

  /** Why an IPv4 address is refused, or null. */
  static String refusal4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255) {
      return "broadcast";
    }
    if (a0 == 169 && a1 == 254) {
      return "link-local (cloud metadata lives at 169.254.169.254)";
    }
    if (a0 == 0) {
      return "unspecified (0.0.0.0/8)";
    }
    if (a0 == 127) {
      return "loopback";
    }
    if (a0 == 10 || a0 == 172 && a1 >= 16 && a1 <= 31 || a0 == 192 && a1 == 168) {
      return "private";
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return "carrier-grade NAT";
    }
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) || a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113) {
      return "reserved";
    }
    if (a0 == 198 && (a1 == 18 || a1 == 19)) {
      return "benchmarking";
    }
    if (a0 >= 224) {
      return a0 < 240 ? "multicast" : "reserved";
    }
    return null;
  }

  private static String describe4(byte[] b, int from) {
    byte[] v4 = {b[from], b[from + 1], b[from + 2], b[from + 3]};
    String inner = refusal4(v4);
    try {
      return "(" + InetAddress.getByAddress(v4).getHostAddress() + (inner == null ? "" : ", " + inner) + ")";
    } catch (UnknownHostException e) {
      return "";
    }
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** True for IPv6 literals; for symmetry with {@link Inet4Address} checks. */
  static boolean isV6(InetAddress a) {
    return a instanceof Inet6Address;
  }
}
