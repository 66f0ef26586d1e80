package io.ferry.engine.interpreter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates {@code error_expression} (scope {@code response}, {@code headers}, {@code status}, {@code data}): a
 * truthy result marks the response as an error, and a string result is its message. An expression that is one
 * placeholder ({@code {{response.error}}}) reads that path.
 */
public final class ErrorRules {
  private static final Pattern SINGLE_PLACEHOLDER = Pattern.compile("\\s*\\{\\{\\s*([\\w\\-.]+)\\s*}}\\s*");
  private final Jsonata jsonata;

  public ErrorRules(Jsonata jsonata) {
    this.jsonata = jsonata;
  }

  /** Null when the response is not an error by the expression; otherwise the message ("" when none). */
  public String error(String expression, UpstreamResponse response) {
    return error(expression, new ResponseScope(response));
  }

  public String error(String expression, ResponseScope scope) {
    if (expression == null || expression.isBlank()) {
      return null;
    }
    Object result;
    Matcher m = SINGLE_PLACEHOLDER.matcher(expression);
    if (m.matches()) {
      result = io.ferry.engine.json.Json.at(scope.response().scope(), m.group(1));
    } else {
      result = jsonata.evaluate(expression, scope, "/error_expression");
    }
    if (!Jsonata.truthy(result)) {
      return null;
    }
    return result instanceof String s ? s : result instanceof Boolean ? "" : Placeholders.stringify(result);
  }

  /** The expression to compile at load time, or null when it is the placeholder form. */
  public static String compilable(String expression) {
    return expression == null || SINGLE_PLACEHOLDER.matcher(expression).matches() ? null : expression;
  }
}
