package io.ferry.engine.interpreter.jsonata;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Luxon's localized macro tokens ({@code D DD DDD DDDD t tt ttt tttt T TT TTT TTTT f ff fff ffff F FF FFF FFFF}) as
 * Node's Intl prints them in en-US. Luxon hands a whole-hour fixed offset to Intl as {@code Etc/GMT+n}; any other fixed
 * zone (UTC, +5:30) goes through {@code formatToParts}, which keeps ICU's narrow no-break space before AM/PM, where
 * {@code format} (IANA, system and Etc zones) prints a plain space.
 */
final class LuxonMacros {
  private LuxonMacros() {
  }

  static String format(LuxonDateTime dt, String token) {
    ZonedDateTime z = dt.z();
    String amPmSpace = substituted(dt) ? "\u202f" : " ";
    char kind = token.charAt(0);
    int size = token.length();
    return switch (kind) {
      case 'D' -> date(z, size);
      case 't' -> time(dt, size, amPmSpace, true);
      case 'T' -> time(dt, size, amPmSpace, false);
      case 'f', 'F' -> {
        String d = date(z, size);
        String t = time(dt, size <= 2 ? (kind == 'f' ? 1 : 2) : size == 3 ? (kind == 'f' ? 5 : 3) : (kind == 'f' ? 6 : 4), amPmSpace, true);
        yield size <= 2 ? d + ", " + t : d + " at " + t;
      }
      default -> token;
    };
  }

  /** Whether Luxon formats in UTC and substitutes the zone's name (a fixed zone that is not a whole Etc/GMT hour). */
  private static boolean substituted(LuxonDateTime dt) {
    return dt.z().getZone() instanceof ZoneOffset off && dt.fixedZone() && !etcHour(off);
  }

  private static boolean etcHour(ZoneOffset off) {
    int secs = off.getTotalSeconds();
    return secs != 0 && secs % 3600 == 0 && secs >= -12 * 3600 && secs <= 14 * 3600;
  }

  private static String zoneName(LuxonDateTime dt, boolean longName) {
    ZonedDateTime z = dt.z();
    if (z.getZone() instanceof ZoneOffset off && dt.fixedZone() && etcHour(off)) {
      int h = off.getTotalSeconds() / 3600;
      String sign = h < 0 ? "-" : "+";
      return longName ? "GMT" + sign + pad(Math.abs(h)) + ":00" : "GMT" + sign + Math.abs(h);
    }
    return longName ? ZoneNames.longName(z, dt.fixedZone()) : ZoneNames.shortName(z, dt.fixedZone());
  }

  private static String date(ZonedDateTime z, int size) {
    return switch (size) {
      case 1 -> z.getMonthValue() + "/" + z.getDayOfMonth() + "/" + z.getYear();
      case 2 -> DateTimes.monthName(z.getMonthValue(), false) + " " + z.getDayOfMonth() + ", " + z.getYear();
      case 3 -> DateTimes.monthName(z.getMonthValue(), true) + " " + z.getDayOfMonth() + ", " + z.getYear();
      default -> DateTimes.weekdayName(z.getDayOfWeek().getValue(), true) + ", " + DateTimes.monthName(z.getMonthValue(), true) + " "
          + z.getDayOfMonth() + ", " + z.getYear();
    };
  }

  /**
   * Sizes: 1 hours and minutes, 2 with seconds, 3 with seconds and the short zone name, 4 with the long one; 5 and 6
   * are minutes with the short or long zone name (the {@code fff}/{@code ffff} forms).
   */
  private static String time(LuxonDateTime dt, int size, String amPmSpace, boolean twelveHour) {
    ZonedDateTime z = dt.z();
    String minutes = pad(z.getMinute());
    String seconds = size == 2 || size == 3 || size == 4 ? ":" + pad(z.getSecond()) : "";
    String clock = twelveHour
        ? (z.getHour() % 12 == 0 ? 12 : z.getHour() % 12) + ":" + minutes + seconds + amPmSpace + (z.getHour() < 12 ? "AM" : "PM")
        : pad(z.getHour()) + ":" + minutes + seconds;
    return switch (size) {
      case 3, 5 -> clock + " " + zoneName(dt, false);
      case 4, 6 -> clock + " " + zoneName(dt, true);
      default -> clock;
    };
  }

  private static String pad(int v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }
}
