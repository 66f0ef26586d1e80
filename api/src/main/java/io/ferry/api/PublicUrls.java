package io.ferry.api;

import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The URL a third party called, for signatures over it ({@code $url}): behind a TLS proxy Ferry sees {@code http://}
 * and an inner host, while the provider signed {@code https://public-host/...}. {@code Forwarded} and
 * {@code X-Forwarded-Proto/Host} are believed only from the configured proxy addresses (anyone else could forge
 * them); otherwise {@code FERRY_PUBLIC_URL} when set, else the request as received. Path and query are the raw ones.
 */
final class PublicUrls {
  static final PublicUrls NONE = new PublicUrls(null, false, List.of());

  private final String publicUrl;
  private final List<byte[][]> proxies;

  PublicUrls(String publicUrl, boolean configured, List<String> trustedProxies) {
    this.publicUrl = configured ? publicUrl : null;
    this.proxies = trustedProxies.stream().map(PublicUrls::cidr).toList();
  }

  String of(HttpServerRequest req) {
    String remote = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
    if (remote != null && trusted(remote)) {
      String proto = null;
      String host = null;
      String forwarded = req.getHeader("forwarded");
      if (forwarded != null) {
        // the first element is the one the client's nearest proxy wrote: proto=https;host=public.example
        for (String pair : forwarded.split(",")[0].split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            String k = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = pair.substring(eq + 1).trim().replace("\"", "");
            if (k.equals("proto")) {
              proto = v;
            } else if (k.equals("host")) {
              host = v;
            }
          }
        }
      }
      if (proto == null && req.getHeader("x-forwarded-proto") != null) {
        proto = req.getHeader("x-forwarded-proto").split(",")[0].trim();
      }
      if (host == null && req.getHeader("x-forwarded-host") != null) {
        host = req.getHeader("x-forwarded-host").split(",")[0].trim();
      }
      if (proto != null || host != null) {
        String scheme = proto != null ? proto.toLowerCase(Locale.ROOT) : req.scheme();
        String authority = host != null ? host : req.authority() == null ? "" : req.authority().toString();
        return scheme + "://" + authority + req.uri();
      }
    }
    return publicUrl != null ? publicUrl + req.uri() : req.absoluteURI();
  }

  private boolean trusted(String remote) {
    byte[] addr;
    try {
      addr = InetAddress.getByName(remote).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    for (byte[][] p : proxies) {
      if (p[0].length == addr.length && matches(p[0], addr, p[1][0] & 0xff)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] net, byte[] addr, int bits) {
    for (int i = 0; i < net.length; i++) {
      int take = Math.max(0, Math.min(8, bits - 8 * i));
      int mask = take == 0 ? 0 : (0xff << (8 - take)) & 0xff;
      if ((net[i] & mask) != (addr[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** {address, {prefix bits}} from {@code 10.0.0.0/8} or a plain address (all bits). */
  private static byte[][] cidr(String entry) {
    String[] parts = entry.split("/");
    try {
      byte[] net = InetAddress.getByName(parts[0].trim()).getAddress();
      int bits = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : net.length * 8;
      return new byte[][] {net, {(byte) bits}};
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("FERRY_TRUSTED_PROXIES: '" + entry + "' is not an address or CIDR");
    }
  }
}
