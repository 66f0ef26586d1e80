package io.ferry.engine.interpreter;

import io.ferry.engine.json.Json;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native evaluation of the few expression shapes that almost every rate-limit and error config uses
 * ({@code status = 429}, {@code $number(headers.`x-ratelimit-remaining`)}, {@code status >= 400 ? data.error : null}).
 * They run on every proxied response, and through jsonata4java each costs a parse-tree walk plus a Jackson tree of the
 * response. Anything else returns null here and goes to JSONata; {@code FastExpressionsTest} pins each shape to
 * JSONata's own answer.
 */
final class FastExpressions {
  private static final String STATUS = "\\s*(?:status|status_code)\\s*(=|!=|>=|<=|>|<)\\s*(\\d{1,3})\\s*";
  private static final Pattern COMPARISON = Pattern.compile(STATUS);
  private static final Pattern NUMBER_HEADER = Pattern.compile("\\s*\\$number\\(\\s*headers\\.`([A-Za-z0-9_-]+)`\\s*\\)\\s*");
  private static final Pattern HEADER = Pattern.compile("\\s*headers\\.`([A-Za-z0-9_-]+)`\\s*");
  private static final Pattern GUARDED_FIELD = Pattern.compile(STATUS + "\\?\\s*(?:data|body|response)\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)\\s*:\\s*null\\s*");

  private FastExpressions() {
  }

  /** A native evaluator for {@code expression}, or null when it is not one of the known shapes. */
  static Function<UpstreamResponse, Object> compile(String expression) {
    Matcher m = COMPARISON.matcher(expression);
    if (m.matches()) {
      String op = m.group(1);
      int value = Integer.parseInt(m.group(2));
      return r -> compare(r.status(), op, value);
    }
    m = NUMBER_HEADER.matcher(expression);
    if (m.matches()) {
      String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
      return r -> number(r.header(name), expression);
    }
    m = HEADER.matcher(expression);
    if (m.matches()) {
      String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
      return r -> r.header(name);
    }
    m = GUARDED_FIELD.matcher(expression);
    if (m.matches()) {
      String op = m.group(1);
      int value = Integer.parseInt(m.group(2));
      String path = m.group(3);
      return r -> compare(r.status(), op, value) ? Json.at(r.body(), path) : null;
    }
    return null;
  }

  private static boolean compare(int status, String op, int value) {
    return switch (op) {
      case "=" -> status == value;
      case "!=" -> status != value;
      case ">=" -> status >= value;
      case "<=" -> status <= value;
      case ">" -> status > value;
      default -> status < value;
    };
  }

  /** JSONata's {@code $number}: absent stays undefined, a number string converts, anything else is an error. */
  private static Object number(String raw, String expression) {
    if (raw == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(raw.trim());
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : d;
    } catch (NumberFormatException e) {
      throw new ConfigError("expression " + expression + " failed: $number cannot cast '" + raw + "'");
    }
  }
}
