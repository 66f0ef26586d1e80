package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates {@code rate_limit} against a response. {@code is_rate_limited} may be a JSONata expression or
 * {@code true} (429, or 503 with Retry-After); the other keys may be JSONata or a bare header name (the seed writes
 * {@code "Retry-After"}). Scope: {@code status}, {@code status_code}, {@code headers} (lower-cased), {@code body},
 * {@code data}.
 */
public final class RateLimitRules {
  private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Set<String> SCOPE_ROOTS = Set.of("status", "status_code", "headers", "body", "data", "response");
  public static final java.util.List<String> EXPRESSION_KEYS = java.util.List.of("is_rate_limited",
      "retry_after_header_expression", "rate_limit_header_expression", "rate_limit_reset_expression",
      "rate_limit_limit_expression");

  private final Jsonata jsonata;

  public RateLimitRules(Jsonata jsonata) {
    this.jsonata = jsonata;
  }

  public RateLimitDecision decide(JsonObject rateLimit, UpstreamResponse response, long nowMillis) {
    return decide(rateLimit, new ResponseScope(response), nowMillis);
  }

  public RateLimitDecision decide(JsonObject rateLimit, ResponseScope scope, long nowMillis) {
    if (rateLimit == null) {
      return RateLimitDecision.NONE;
    }
    UpstreamResponse response = scope.response();
    Object flag = rateLimit.getValue("is_rate_limited");
    boolean limited;
    if (flag == null || Boolean.TRUE.equals(flag)) {
      limited = response.status() == 429 || response.status() == 503 && response.header("retry-after") != null;
    } else if (flag instanceof String expr) {
      limited = Jsonata.truthy(jsonata.evaluate(expr, scope, "/rate_limit/is_rate_limited"));
    } else {
      limited = false;
    }
    // the wait matters only for a limited response: no evaluation on the common path
    Long wait = null;
    if (limited) {
      wait = WaitTime.millisUntil(value(rateLimit, "retry_after_header_expression", response, scope), nowMillis);
      if (wait == null) {
        wait = WaitTime.millisUntil(response.header("retry-after"), nowMillis);
      }
    }
    Long remaining = number(value(rateLimit, "rate_limit_header_expression", response, scope));
    Long limit = number(value(rateLimit, "rate_limit_limit_expression", response, scope));
    Long reset = WaitTime.millisUntil(value(rateLimit, "rate_limit_reset_expression", response, scope), nowMillis);
    if (limited && reset != null && (wait == null || reset > wait)) {
      wait = reset; // wait the larger of retry-after and the window reset
    }
    return new RateLimitDecision(limited, wait, remaining, limit, reset);
  }

  private Object value(JsonObject rateLimit, String key, UpstreamResponse response, ResponseScope scope) {
    String expr = rateLimit.getString(key);
    if (expr == null || expr.isBlank()) {
      return null;
    }
    if (isHeaderName(expr)) {
      return response.header(expr.toLowerCase(Locale.ROOT));
    }
    return jsonata.evaluate(expr, scope, "/rate_limit/" + key);
  }

  /** A bare token that is not a scope root names a header, as in the seed's {@code "X-RateLimit-Remaining"}. */
  public static boolean isHeaderName(String expr) {
    return BARE_NAME.matcher(expr).matches() && !SCOPE_ROOTS.contains(expr);
  }

  private static Long number(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return (long) Double.parseDouble(s.split(",")[0].trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
