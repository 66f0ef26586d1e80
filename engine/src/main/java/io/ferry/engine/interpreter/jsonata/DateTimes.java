package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.arg;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.def;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.str;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $dtFromIso} and {@code $dtFromFormat}: Luxon-style DateTime objects (getters and methods) over java.time.
 * The process zone is UTC (Truto's workers run in UTC); an explicit zone or offset is kept as Luxon keeps it.
 */
final class DateTimes {
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-?(\\d{2})?-?(\\d{2})?(?:[T ](\\d{2}):?(\\d{2})?:?(\\d{2})?(?:[.,](\\d{1,9}))?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?");

  private DateTimes() {
  }

  static void define() {
    def("dtFromIso", null, a -> {
      LuxonDateTime dt = fromIso(str(a, 0), null, false);
      Object zone = arg(a, 1);
      if (zone instanceof Map<?, ?> || zone instanceof List<?>) {
        throw new IllegalArgumentException("Cannot convert object to primitive value"); // Luxon prints the zone into its error
      }
      if (zone instanceof Number n && n.doubleValue() != 0) {
        return (dt.valid() ? new LuxonDateTime(dt.z().withZoneSameInstant(java.time.ZoneOffset.ofTotalSeconds((int) (n.doubleValue() * 60))), true) : dt).object();
      }
      return (Js.truthy(zone) ? dt.setZone(str(a, 1)) : dt).object();
    });
    def("dtFromFormat", null, a -> {
      String text = str(a, 0);
      String format = str(a, 1);
      Map<?, ?> opts = arg(a, 2) instanceof Map<?, ?> m ? m : Map.of();
      String zone = opts.get("zone") instanceof String z ? z : null;
      boolean keep = Boolean.TRUE.equals(opts.get("setZone"));
      LuxonDateTime dt = switch (format == null ? "" : format) {
        case "ISO" -> fromIso(text, zone, keep);
        case "RFC2822" -> fromRfc2822(text, zone, keep);
        case "fromSeconds" -> {
          double secs = Js.parseFloat(text);
          yield Double.isNaN(secs) ? LuxonDateTime.invalid("invalid input")
              : new LuxonDateTime(Instant.ofEpochMilli((long) Math.floor(secs) * 1000).atZone(zoneOf(zone)), zone != null && !"local".equals(zone));
        }
        default -> LuxonFormat.parse(text, format, zone, keep);
      };
      return dt.object();
    });
  }

  static ZoneId zoneOf(String zone) {
    if (zone == null || zone.equalsIgnoreCase("local") || zone.equalsIgnoreCase("system")) {
      return ZoneOffset.UTC;
    }
    if (zone.equalsIgnoreCase("utc") || zone.equalsIgnoreCase("gmt") || zone.equalsIgnoreCase("z")) {
      return ZoneOffset.UTC;
    }
    Matcher m = Pattern.compile("(?i)utc([+-]\\d{1,2})(?::(\\d{2}))?").matcher(zone);
    if (m.matches()) {
      int h = Integer.parseInt(m.group(1));
      int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      return ZoneOffset.ofHoursMinutes(h, h < 0 ? -min : min);
    }
    return ZoneId.of(zone);
  }

  static LuxonDateTime fromIso(String text, String zone, boolean keepOffset) {
    if (text == null) {
      return LuxonDateTime.invalid("unparsable");
    }
    Matcher m = ISO.matcher(text);
    if (!m.matches() || m.group(4) != null && m.group(2) == null) {
      return LuxonDateTime.invalid("unparsable");
    }
    try {
      int year = Integer.parseInt(m.group(1));
      int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
      int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
      nanos = nanos / 1_000_000 * 1_000_000;
      java.time.LocalDateTime local = java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos);
      boolean explicitZone = zone != null && !zone.equalsIgnoreCase("local");
      ZoneId target = zoneOf(zone);
      if (m.group(8) != null) {
        ZoneOffset off = offset(m.group(8));
        ZonedDateTime at = local.atOffset(off).toZonedDateTime();
        return keepOffset ? new LuxonDateTime(at, true) : new LuxonDateTime(at.withZoneSameInstant(target), explicitZone);
      }
      return new LuxonDateTime(local.atZone(target), explicitZone);
    } catch (RuntimeException e) {
      return LuxonDateTime.invalid("unit out of range");
    }
  }

  static ZoneOffset offset(String s) {
    if (s.equals("Z")) {
      return ZoneOffset.UTC;
    }
    String digits = s.replace(":", "");
    int sign = digits.startsWith("-") ? -1 : 1;
    int h = Integer.parseInt(digits.substring(1, 3));
    int m = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
    return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
  }

  private static LuxonDateTime fromRfc2822(String text, String zone, boolean keep) {
    try {
      ZonedDateTime z = ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return keep ? new LuxonDateTime(z, true) : new LuxonDateTime(z.withZoneSameInstant(zoneOf(zone)), zone != null);
    } catch (RuntimeException e) {
      return LuxonDateTime.invalid("unparsable");
    }
  }

  static String monthName(int month, boolean full) {
    return java.time.Month.of(month).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.US);
  }

  static String weekdayName(int weekday, boolean full) {
    return java.time.DayOfWeek.of(weekday).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.US);
  }

  static long weekNumber(ZonedDateTime z) {
    return z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  static ChronoUnit unit(String u) {
    String s = u.toLowerCase(Locale.ROOT).replaceAll("s$", "");
    return switch (s) {
      case "year" -> ChronoUnit.YEARS;
      case "quarter" -> IsoFields.QUARTER_YEARS instanceof ChronoUnit c ? c : ChronoUnit.MONTHS;
      case "month" -> ChronoUnit.MONTHS;
      case "week" -> ChronoUnit.WEEKS;
      case "day" -> ChronoUnit.DAYS;
      case "hour" -> ChronoUnit.HOURS;
      case "minute" -> ChronoUnit.MINUTES;
      case "second" -> ChronoUnit.SECONDS;
      case "millisecond" -> ChronoUnit.MILLIS;
      default -> throw new IllegalArgumentException("Invalid unit " + u);
    };
  }

  static List<String> units(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(Js.string(x)));
    } else if (v != null) {
      out.add(Js.string(v));
    }
    return out;
  }
}
