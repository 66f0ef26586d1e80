package io.ferry.engine.webhook;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** The replay window: a signed timestamp ({@code timestamp} token, unit s/ms/iso) must be within {@code tolerance_seconds}. */
final class Timestamps {
  static final long DEFAULT_TOLERANCE_SECONDS = 300;

  private Timestamps() {
  }

  /** Null when there is no timestamp to check or it is within the window; otherwise the failure. */
  static VerifyResult check(JsonObject config, InboundRequest req, JsonObject signatureFields, long nowMillis) {
    String token = config.getString("timestamp");
    if (token == null) {
      return null;
    }
    String raw = SignedParts.text(token, req, signatureFields);
    Long at = millis(raw, config.getString("timestamp_unit", "s"));
    if (at == null) {
      return VerifyResult.fail("the signed timestamp is missing or unreadable");
    }
    long tolerance = config.getLong("tolerance_seconds", DEFAULT_TOLERANCE_SECONDS) * 1000;
    return Math.abs(nowMillis - at) > tolerance ? VerifyResult.fail("the signed timestamp is outside the replay window") : null;
  }

  static Long millis(String raw, String unit) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return switch (unit) {
        case "ms" -> Long.parseLong(raw.trim());
        case "iso" -> Instant.parse(raw.trim()).toEpochMilli();
        default -> (long) (Double.parseDouble(raw.trim()) * 1000);
      };
    } catch (RuntimeException e) {
      return null;
    }
  }
}
