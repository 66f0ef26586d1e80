package io.ferry.engine.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Atlassian Connect's {@code qsh}: hex SHA-256 of {@code METHOD&path&canonical-query}, where the path is relative to
 * the app's base URL (trailing {@code /} dropped except for the root, {@code &} as {@code %26}) and the query drops
 * {@code jwt}, is sorted by key, each key and value RFC 3986-encoded, repeated keys' values sorted and joined by
 * {@code ,}.
 */
final class QueryStringHash {
  private QueryStringHash() {
  }

  static String of(String method, String url, String baseUrl) {
    return HexFormat.of().formatHex(HmacSignature.digest("sha256", canonical(method, url, baseUrl).getBytes(StandardCharsets.UTF_8)));
  }

  static String canonical(String method, String url, String baseUrl) {
    URI u = URI.create(url);
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String basePath = baseUrl == null ? "" : URI.create(baseUrl).getRawPath();
    if (basePath != null && !basePath.isEmpty() && !basePath.equals("/") && path.startsWith(stripSlash(basePath))) {
      path = path.substring(stripSlash(basePath).length());
    }
    if (path.isEmpty()) {
      path = "/";
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    path = path.replace("&", "%26");
    Map<String, List<String>> params = new TreeMap<>();
    if (u.getRawQuery() != null) {
      for (var e : FormParams.parse(io.vertx.core.buffer.Buffer.buffer(u.getRawQuery()))) {
        if (!e.getKey().equals("jwt")) {
          params.computeIfAbsent(encode(e.getKey()), k -> new ArrayList<>()).add(encode(e.getValue()));
        }
      }
    }
    StringBuilder query = new StringBuilder();
    params.forEach((k, values) -> {
      List<String> sorted = new ArrayList<>(values);
      sorted.sort(null);
      query.append(query.length() == 0 ? "" : "&").append(k).append('=').append(String.join(",", sorted));
    });
    return method.toUpperCase(Locale.ROOT) + "&" + path + "&" + query;
  }

  private static String stripSlash(String p) {
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** RFC 3986: only {@code A-Za-z0-9-._~} stay as they are. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
