package io.ferry.engine.http;

import java.net.URI;
import java.util.Locale;

/** Scheme, host and port of an outbound http(s) URL, read from the raw authority (java.net.URI drops odd hosts). */
public record Authority(String scheme, String host, int port) {

  /** Null when the URL is not an absolute http(s) URL with a host. */
  public static Authority of(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String raw = uri.getRawAuthority();
    if (!scheme.equals("http") && !scheme.equals("https") || raw == null || raw.isEmpty()) {
      return null;
    }
    String hostPort = raw.substring(raw.lastIndexOf('@') + 1);
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = hostPort.substring(0, close + 1);
      String rest = hostPort.substring(close + 1);
      port = rest.startsWith(":") ? rest.substring(1) : null;
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    int p = scheme.equals("https") ? 443 : 80;
    if (port != null && !port.isEmpty()) {
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        return null;
      }
      if (p <= 0 || p > 65535) {
        return null;
      }
    }
    return host.isEmpty() ? null : new Authority(scheme, host, p);
  }
}
