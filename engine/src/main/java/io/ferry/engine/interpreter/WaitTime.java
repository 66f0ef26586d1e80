package io.ferry.engine.interpreter;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a wait from whatever an API sends: seconds to wait, an absolute epoch in seconds or milliseconds, an ISO-8601
 * instant or an HTTP-date. Answers milliseconds from now, or null when unreadable or already past.
 */
public final class WaitTime {
  private static final long EPOCH_SECONDS_FLOOR = 1_000_000_000L;     // 2001: smaller numbers are durations
  private static final long EPOCH_MILLIS_FLOOR = 100_000_000_000L;

  private WaitTime() {
  }

  public static Long millisUntil(Object value, long nowMillis) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return fromNumber(n.doubleValue(), nowMillis);
    }
    String s = value.toString().trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return fromNumber(Double.parseDouble(s), nowMillis);
    } catch (NumberFormatException notNumeric) {
      // a date, below
    }
    Long at = null;
    try {
      at = Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException notIso) {
      try {
        at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      } catch (DateTimeParseException notHttpDate) {
        return null;
      }
    } catch (ArithmeticException beyondEpochMillis) { // +999999999-01-01T00:00:00Z parses, then overflows a long
      return null;
    }
    return at > nowMillis ? at - nowMillis : null;
  }

  private static Long fromNumber(double n, long nowMillis) {
    if (n < 0 || Double.isNaN(n)) {
      return null;
    }
    if (n >= EPOCH_MILLIS_FLOOR) {
      long at = (long) n;
      return at > nowMillis ? at - nowMillis : null;
    }
    if (n >= EPOCH_SECONDS_FLOOR) {
      long at = (long) (n * 1000);
      return at > nowMillis ? at - nowMillis : null;
    }
    return (long) Math.ceil(n * 1000);
  }
}
