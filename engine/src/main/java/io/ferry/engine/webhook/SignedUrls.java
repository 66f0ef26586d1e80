package io.ferry.engine.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The forms of {@code $url} a signature may cover. {@code url_ports: true} (Twilio): as received, without the port,
 * and with the scheme's default port, since proxies add or strip {@code :443}. {@code url_decode} (HubSpot v3):
 * percent-escapes of the listed characters decoded before signing.
 */
final class SignedUrls {
  private SignedUrls() {
  }

  static List<String> variants(String url, io.vertx.core.json.JsonObject config) {
    String decodeChars = config.getString("url_decode");
    String base = decodeChars == null ? url : decode(url, decodeChars);
    if (!config.getBoolean("url_ports", false)) {
      return List.of(base);
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    out.add(base);
    try {
      URI u = URI.create(base);
      String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
      int dflt = "https".equals(scheme) ? 443 : 80;
      String prefix = u.getScheme() + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@") + u.getHost();
      String rest = base.substring(base.indexOf(u.getRawAuthority()) + u.getRawAuthority().length());
      out.add(prefix + rest);
      out.add(prefix + ":" + (u.getPort() > 0 ? u.getPort() : dflt) + rest);
      out.add(prefix + ":" + dflt + rest);
    } catch (RuntimeException e) {
      // not a URL we can take apart: only the form as received
    }
    return new ArrayList<>(out);
  }

  /** Decodes {@code %XX} only where it encodes one of {@code chars}. */
  static String decode(String url, String chars) {
    StringBuilder sb = new StringBuilder(url.length());
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '%' && i + 2 < url.length()) {
        int v = Character.digit(url.charAt(i + 1), 16) * 16 + Character.digit(url.charAt(i + 2), 16);
        if (Character.digit(url.charAt(i + 1), 16) >= 0 && Character.digit(url.charAt(i + 2), 16) >= 0 && chars.indexOf((char) v) >= 0) {
          sb.append((char) v);
          i += 2;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
