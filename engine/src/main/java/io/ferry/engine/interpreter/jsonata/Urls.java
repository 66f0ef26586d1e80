package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata.JFunction;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code $parseUrl}: a WHATWG URL's parts and {@code searchParams}; in an answer it is its href, as in Truto. */
final class Urls {
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ws", 80, "wss", 443, "ftp", 21);

  private Urls() {
  }

  static Object parse(String url) {
    URI u;
    try {
      u = new URI(url == null ? "" : url.strip()).normalize();
    } catch (Exception e) {
      throw new IllegalArgumentException("Invalid URL");
    }
    if (u.getScheme() == null || u.getRawAuthority() == null) {
      throw new IllegalArgumentException("Invalid URL");
    }
    String scheme = u.getScheme().toLowerCase();
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase();
    String port = u.getPort() < 0 || Integer.valueOf(u.getPort()).equals(DEFAULT_PORTS.get(scheme)) ? "" : String.valueOf(u.getPort());
    String hostPort = port.isEmpty() ? host : host + ":" + port;
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String search = u.getRawQuery() == null || u.getRawQuery().isEmpty() ? "" : "?" + u.getRawQuery();
    String hash = u.getRawFragment() == null || u.getRawFragment().isEmpty() ? "" : "#" + u.getRawFragment();
    String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo();
    String user = userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
    String password = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : "";
    String href = scheme + "://" + (userInfo.isEmpty() ? "" : userInfo + "@") + hostPort + path + search + hash;
    List<String[]> params = new ArrayList<>();
    if (!search.isEmpty()) {
      for (String pair : search.substring(1).split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          params.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))});
        }
      }
    }
    NativeObject o = new NativeObject(u, () -> href).rawKeys(List.of());
    o.put("href", href);
    o.put("origin", scheme + "://" + hostPort);
    o.put("protocol", scheme + ":");
    o.put("username", user);
    o.put("password", password);
    o.put("host", hostPort);
    o.put("hostname", host);
    o.put("port", port);
    o.put("pathname", path);
    o.put("hash", hash);
    o.put("search", search);
    NativeObject sp = new NativeObject(params, () -> Map.of());
    sp.put("get", fn(a -> params.stream().filter(p -> p[0].equals(Js.string(a.get(0)))).map(p -> (Object) p[1]).findFirst().orElse(Js.NULL)));
    sp.put("getAll", fn(a -> new ArrayList<Object>(params.stream().filter(p -> p[0].equals(Js.string(a.get(0)))).map(p -> p[1]).toList())));
    sp.put("has", fn(a -> params.stream().anyMatch(p -> p[0].equals(Js.string(a.get(0))))));
    sp.put("keys", fn(a -> new ArrayList<Object>(params.stream().map(p -> p[0]).toList())));
    sp.put("values", fn(a -> new ArrayList<Object>(params.stream().map(p -> p[1]).toList())));
    sp.put("entries", fn(a -> new ArrayList<Object>(params.stream().map(p -> (Object) new ArrayList<Object>(List.of(p[0], p[1]))).toList())));
    sp.put("size", (long) params.size());
    sp.put("toString", fn(a -> search.isEmpty() ? "" : search.substring(1)));
    o.put("searchParams", sp);
    return o;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** JS {@code encodeURI}: everything but unreserved and reserved URI characters is percent-encoded (UTF-8). */
  static String encodeUri(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.!~*'();/?:@&=+$,#".indexOf(c) >= 0)) {
        sb.append(c);
      } else {
        sb.append(String.format("%%%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  static JFunction fn(java.util.function.Function<List<Object>, Object> body) {
    return new JFunction((input, args) -> body.apply(args == null ? new ArrayList<>() : new ArrayList<Object>(args)), null);
  }
}
