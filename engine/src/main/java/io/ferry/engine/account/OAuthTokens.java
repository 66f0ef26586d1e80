package io.ferry.engine.account;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Absolute expiry of OAuth tokens: Ferry refreshes from {@code expires_at}, never from a relative {@code expires_in}. */
public final class OAuthTokens {
  private OAuthTokens() {
  }

  /** Adds {@code expires_at} (ISO instant) computed from {@code expires_in} seconds, when the token has one. */
  public static void stampExpiry(JsonObject context, long nowMillis) {
    if (context.getValue("oauth") instanceof JsonObject oauth && oauth.getValue("token") instanceof JsonObject token) {
      Object in = token.getValue("expires_in");
      if (in != null) {
        long seconds = seconds(in);
        token.put("expires_at", Json.iso(nowMillis + seconds * 1000));
      }
    }
  }

  /** {@code expires_in} as seconds: a whole number (or a string of digits) up to 10 digits; anything else is a 400. */
  static long seconds(Object in) {
    if (in instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1e10 && n.doubleValue() == Math.floor(n.doubleValue())) {
      return n.longValue();
    }
    if (in instanceof String s && s.matches("\\d{1,10}")) {
      return Long.parseLong(s);
    }
    throw io.ferry.engine.core.FerryFailure.invalid("/context/oauth/token/expires_in", "must be a whole number of seconds (0 to 9999999999)");
  }

  /**
   * The last expiry read on this thread, by the identity of its text: every proxy call checks its account's expiry,
   * and a cached account hands over the same string each time, so the ISO parse (a few µs of a ~80 µs call) runs
   * once per account and thread instead of once per call.
   */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

  /** Expiry in epoch millis, or null when the token carries none (or it cannot be read). */
  public static Long expiresAt(JsonObject context) {
    Object at = Json.at(context, "oauth.token.expires_at");
    if (at instanceof String s) {
      Object[] last = LAST.get();
      if (last[0] == s) {
        return (Long) last[1];
      }
      Long millis;
      try {
        millis = Instant.parse(s).toEpochMilli();
      } catch (RuntimeException e) {
        millis = null;
      }
      last[0] = s;
      last[1] = millis;
      return millis;
    }
    return at instanceof Number n ? n.longValue() : null;
  }
}
