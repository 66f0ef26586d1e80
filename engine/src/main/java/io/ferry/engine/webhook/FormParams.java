package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Form bodies as signers see them, decoded leniently from the raw bytes: a malformed {@code %}-escape stays as it
 * is instead of failing the request before its signature is checked. {@code $form_sorted} is Twilio's and
 * Mandrill's signed string: every parameter sorted by name (repeated names: values sorted too), name+value, no
 * delimiters.
 */
final class FormParams {
  private FormParams() {
  }

  static List<Map.Entry<String, String>> parse(Buffer body) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String text = body.toString(StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      out.add(Map.entry(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1))));
    }
    return out;
  }

  static String sorted(InboundRequest req) {
    String type = req.header("content-type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return ""; // JSON bodies are covered by a body hash in the URL instead (Twilio's bodySHA256)
    }
    List<Map.Entry<String, String>> params = parse(req.body());
    params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    StringBuilder sb = new StringBuilder();
    params.forEach(e -> sb.append(e.getKey()).append(e.getValue()));
    return sb.toString();
  }

  /** {@code +} is a space; {@code %XX} a byte; anything else, including a broken escape, is kept literally. */
  static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
