package io.ferry.engine.store;

import io.ferry.engine.core.FerryFailure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The query side of every keyset-paged admin list ({@code created_at}, {@code id} order): {@code limit},
 * {@code created_at[gt|lt]} and the opaque {@code next_cursor}, each refused with a 400 naming the parameter.
 */
public final class Keyset {
  private Keyset() {
  }

  public static int limit(String raw, int dflt, int max) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw FerryFailure.invalid("/limit", "must be an integer from 1 to " + max);
  }

  /** Epoch millis of an ISO-8601 instant, null when absent. */
  public static Long instant(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(raw).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) { // +999999999-01-01 parses but overflows epoch millis
      throw FerryFailure.invalid("/" + name, "must be an ISO-8601 instant such as 2024-01-01T00:00:00Z");
    }
  }

  /** As {@link #instant}, for a value that was given: empty is invalid too. */
  public static long givenInstant(String name, String raw) {
    Long at = instant(name, raw);
    if (at == null) {
      throw FerryFailure.invalid("/" + name, "must be an ISO-8601 instant such as 2024-01-01T00:00:00Z");
    }
    return at;
  }

  /** The cursor after the row at ({@code createdAt}, {@code id}). */
  public static String cursor(long createdAt, String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code [createdAt, id]} of a cursor this API returned, null when absent. */
  public static String[] cursor(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split(":", 2);
      Long.parseLong(parts[0]);
      if (parts.length == 2 && parts[1].matches("[0-9A-Za-z-]{1,36}")) {
        return parts;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    throw FerryFailure.invalid("/next_cursor", "is not a cursor this endpoint returned");
  }
}
