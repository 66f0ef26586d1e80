package io.ferry.engine.webhook;

import io.ferry.engine.interpreter.Placeholders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Webhook secrets from config: one or several (rotation), placeholders over the account context, decoded as told. */
final class Secrets {
  private Secrets() {
  }

  /** Every configured secret as text, placeholders resolved; unresolved ones are dropped. */
  static List<String> texts(Object configured, JsonObject data) {
    List<String> out = new ArrayList<>();
    if (configured instanceof JsonArray many) {
      many.forEach(s -> out.addAll(texts(s, data)));
    } else if (configured instanceof String s) {
      Object v = Placeholders.render(s, data);
      if (v instanceof String text && !text.isEmpty() && !Placeholders.hasPlaceholder(text)) {
        out.add(text);
      } else if (v instanceof JsonArray arr) {
        arr.forEach(x -> out.add(String.valueOf(x)));
      }
    }
    return out;
  }

  /** Key bytes: {@code secret_prefix} stripped, then {@code secret_encoding} utf8 (default), base64 or hex. */
  static byte[] key(String secret, JsonObject config) {
    String prefix = config.getString("secret_prefix");
    String s = prefix != null && secret.startsWith(prefix) ? secret.substring(prefix.length()) : secret;
    return switch (config.getString("secret_encoding", "utf8")) {
      case "base64" -> Base64.getDecoder().decode(pad(s));
      case "hex" -> HexFormat.of().parseHex(s);
      default -> s.getBytes(StandardCharsets.UTF_8);
    };
  }

  static String pad(String b64) {
    int mod = b64.length() % 4;
    return mod == 0 ? b64 : b64 + "=".repeat(4 - mod);
  }
}
