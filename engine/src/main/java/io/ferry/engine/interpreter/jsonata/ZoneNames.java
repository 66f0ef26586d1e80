package io.ferry.engine.interpreter.jsonata;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * Zone names as Luxon prints them in en-US ({@code ZZZZ}, {@code ZZZZZ}, {@code z}, {@code offsetNameShort/Long}):
 * a fixed-offset zone is "UTC+5:30" in every form; an IANA zone has ICU's long name ("India Standard Time") and a
 * short name that is an abbreviation only for the North American zones ("EDT") and GMT, else "GMT+5:30".
 */
final class ZoneNames {
  private static final Set<String> ABBREVIATED = Set.of("Eastern", "Central", "Mountain", "Pacific", "Alaska", "Hawaii-Aleutian", "Atlantic");

  private ZoneNames() {
  }

  static String shortName(ZonedDateTime z, boolean fixedZone) {
    if (z.getZone() instanceof ZoneOffset off) {
      return off.getTotalSeconds() == 0 ? "UTC" : fixedZone ? "UTC" + narrow(off) : "GMT" + narrow(off);
    }
    TimeZone tz = TimeZone.getTimeZone(z.getZone());
    boolean dst = tz.inDaylightTime(Date.from(z.toInstant()));
    String longName = tz.getDisplayName(dst, TimeZone.LONG, Locale.US);
    String metazone = longName.replaceFirst(" (Standard|Daylight) Time$", "");
    if (ABBREVIATED.contains(metazone) || longName.equals("Greenwich Mean Time")) {
      return tz.getDisplayName(dst, TimeZone.SHORT, Locale.US);
    }
    return z.getOffset().getTotalSeconds() == 0 ? "GMT" : "GMT" + narrow(z.getOffset());
  }

  static String longName(ZonedDateTime z, boolean fixedZone) {
    if (z.getZone() instanceof ZoneOffset off) {
      if (fixedZone || off.getTotalSeconds() != 0) {
        return off.getTotalSeconds() == 0 ? "UTC" : "UTC" + narrow(off);
      }
      return "Coordinated Universal Time";
    }
    TimeZone tz = TimeZone.getTimeZone(z.getZone());
    return tz.getDisplayName(tz.inDaylightTime(Date.from(z.toInstant())), TimeZone.LONG, Locale.US);
  }

  /** Luxon's zone name ({@code z}): the IANA id, "UTC" or "UTC+5:30". */
  static String id(ZonedDateTime z) {
    if (z.getZone() instanceof ZoneOffset off) {
      return off.getTotalSeconds() == 0 ? "UTC" : "UTC" + narrow(off);
    }
    return z.getZone().getId();
  }

  /** "+5", "-3", "+5:30": hours without padding, minutes only when present. */
  private static String narrow(ZoneOffset off) {
    int secs = off.getTotalSeconds();
    int h = Math.abs(secs) / 3600;
    int m = Math.abs(secs) % 3600 / 60;
    return (secs < 0 ? "-" : "+") + h + (m == 0 ? "" : ":" + (m < 10 ? "0" + m : String.valueOf(m)));
  }
}
