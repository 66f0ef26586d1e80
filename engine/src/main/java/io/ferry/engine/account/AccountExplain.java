package io.ferry.engine.account;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.ExplainCall;
import io.ferry.engine.interpreter.InterpretCall;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code GET /integrated-account/{id}/explain?resource=…&method=…&<query>} into an {@link ExplainCall}: the call
 * planned exactly as the proxy plans it (same context, environment variables, cursor binding), the values to mask, and
 * the account's token state.
 */
final class AccountExplain {
  /** Same skew as the proxy's token refresher: a token expiring within it is refreshed before the call. */
  static final long REFRESH_SKEW_MILLIS = 60_000;
  private static final Set<String> OWN = Set.of("resource", "method", "id", "limit", "next_cursor");

  private AccountExplain() {
  }

  static ExplainCall of(Account a, Map<String, String> q, long nowMillis) {
    String resource = q.get("resource");
    if (resource == null || resource.isBlank()) {
      throw FerryFailure.invalid("/resource", "the resource query parameter is required, e.g. ?resource=users&method=list");
    }
    String method = q.getOrDefault("method", "list");
    JsonObject query = new JsonObject();
    q.forEach((k, v) -> {
      if (!OWN.contains(k)) {
        query.put(k, v);
      }
    });
    Integer limit = null;
    if (q.get("limit") != null) {
      try {
        limit = Integer.parseInt(q.get("limit"));
      } catch (NumberFormatException e) {
        throw FerryFailure.invalid("/limit", "must be an integer from 1 to 1000");
      }
      if (limit < 1 || limit > 1000) {
        throw FerryFailure.invalid("/limit", "must be an integer from 1 to 1000");
      }
    }
    JsonObject effective = a.effectiveConfig();
    JsonObject variables = effective.getValue("environment_variables") instanceof JsonObject o ? o : new JsonObject();
    InterpretCall call = new InterpretCall(effective, a.configVersion(), resource, method, a.authenticationMethod(),
        a.context(), variables, new CallInput(q.get("id"), query, null, new JsonObject(), limit), q.get("next_cursor"),
        a.id() + "|" + resource + "|" + method);
    List<String> secrets = new ArrayList<>();
    leaves(a.secrets(), secrets);
    leaves(variables, secrets);
    secretsOf(effective.getValue("credentials"), secrets);
    JsonObject state = new JsonObject().put("token", token(a.context(), nowMillis));
    JsonObject override = a.install().getJsonObject("override");
    return new ExplainCall(call, a.integration().getJsonObject("config"), override, secrets, state);
  }

  private static JsonObject token(JsonObject context, long now) {
    if (!(Json.at(context, "oauth.token") instanceof JsonObject)) {
      return null;
    }
    Long expiresAt = OAuthTokens.expiresAt(context);
    return new JsonObject()
        .put("expires_at", expiresAt == null ? null : Json.iso(expiresAt))
        .put("expires_in_seconds", expiresAt == null ? null : (expiresAt - now) / 1000)
        .put("refresh_token_present", Json.at(context, "oauth.token.refresh_token") != null)
        .put("refresh_before_call", expiresAt != null && expiresAt - now <= REFRESH_SKEW_MILLIS);
  }

  private static void leaves(Object node, List<String> into) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> leaves(e.getValue(), into));
    } else if (node instanceof JsonArray arr) {
      arr.forEach(v -> leaves(v, into));
    } else if (node != null && !(node instanceof Boolean)) {
      into.add(node.toString());
    }
  }

  /** Client secrets and any other {@code *secret*} value of the credentials config. */
  private static void secretsOf(Object node, List<String> into) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> {
        if (e.getKey().toLowerCase(java.util.Locale.ROOT).contains("secret")) {
          leaves(e.getValue(), into);
        } else {
          secretsOf(e.getValue(), into);
        }
      });
    } else if (node instanceof JsonArray arr) {
      arr.forEach(v -> secretsOf(v, into));
    }
  }
}
