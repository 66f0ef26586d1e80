package io.ferry.engine.interpreter.jsonata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One Luxon DateTime: {@code z} null when invalid; {@code fixedZone} marks a zone set explicitly (UTC prints "Z"). */
record LuxonDateTime(ZonedDateTime z, boolean fixedZone, String invalidReason) {
  LuxonDateTime(ZonedDateTime z, boolean fixedZone) {
    this(z, fixedZone, null);
  }

  static LuxonDateTime invalid(String reason) {
    return new LuxonDateTime(null, false, reason);
  }

  boolean valid() {
    return z != null;
  }

  LuxonDateTime setZone(String zone) {
    if (!valid()) {
      return this;
    }
    try {
      boolean local = zone == null || zone.equalsIgnoreCase("local") || zone.equalsIgnoreCase("system");
      return new LuxonDateTime(z.withZoneSameInstant(DateTimes.zoneOf(zone)), !local);
    } catch (RuntimeException e) {
      return invalid("unsupported zone");
    }
  }

  String iso() {
    return valid() ? LuxonFormat.format(this, "yyyy-MM-dd'T'HH:mm:ss.SSS") + offsetText() : null;
  }

  String offsetText() {
    int secs = z.getOffset().getTotalSeconds();
    if (secs == 0 && fixedZone && z.getZone() instanceof ZoneOffset) {
      return "Z";
    }
    return LuxonFormat.format(this, "ZZ");
  }

  NativeObject object() {
    NativeObject o = new NativeObject(this, this::iso)
        .rawKeys(List.of("ts", "_zone", "loc", "invalid", "weekData", "localWeekData", "c", "o", "isLuxonDateTime"));
    if (valid()) {
      o.put("year", (long) z.getYear());
      o.put("quarter", (long) ((z.getMonthValue() - 1) / 3 + 1));
      o.put("month", (long) z.getMonthValue());
      o.put("day", (long) z.getDayOfMonth());
      o.put("hour", (long) z.getHour());
      o.put("minute", (long) z.getMinute());
      o.put("second", (long) z.getSecond());
      o.put("millisecond", (long) (z.getNano() / 1_000_000));
      o.put("weekYear", (long) z.get(IsoFields.WEEK_BASED_YEAR));
      o.put("weekNumber", DateTimes.weekNumber(z));
      o.put("weekday", (long) z.getDayOfWeek().getValue());
      o.put("ordinal", (long) z.getDayOfYear());
      o.put("monthShort", DateTimes.monthName(z.getMonthValue(), false));
      o.put("monthLong", DateTimes.monthName(z.getMonthValue(), true));
      o.put("weekdayShort", DateTimes.weekdayName(z.getDayOfWeek().getValue(), false));
      o.put("weekdayLong", DateTimes.weekdayName(z.getDayOfWeek().getValue(), true));
      o.put("offset", (long) (z.getOffset().getTotalSeconds() / 60));
      o.put("offsetNameShort", LuxonFormat.format(this, "ZZZZ"));
      o.put("offsetNameLong", LuxonFormat.format(this, "ZZZZZ"));
      o.put("zoneName", zoneName());
      o.put("daysInMonth", (long) z.toLocalDate().lengthOfMonth());
      o.put("daysInYear", (long) z.toLocalDate().lengthOfYear());
      o.put("weeksInWeekYear", z.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum());
      o.put("isInLeapYear", z.toLocalDate().isLeapYear());
      o.put("isInDST", z.getZone().getRules().isDaylightSavings(z.toInstant()));
      o.put("isOffsetFixed", z.getZone() instanceof ZoneOffset);
    } else {
      for (String k : List.of("year", "quarter", "month", "day", "hour", "minute", "second", "millisecond", "weekYear", "weekNumber",
          "weekday", "ordinal", "monthShort", "monthLong", "weekdayShort", "weekdayLong", "offset", "offsetNameShort", "offsetNameLong",
          "daysInMonth", "daysInYear", "weeksInWeekYear", "isInLeapYear", "isInDST")) {
        o.put(k, Js.NULL);
      }
      o.put("zoneName", Js.NULL);
      o.put("isOffsetFixed", Js.NULL);
    }
    o.put("isValid", valid());
    o.put("invalidReason", invalidReason == null ? Js.NULL : invalidReason);
    o.put("invalidExplanation", Js.NULL);
    o.put("locale", valid() ? "en-US" : Js.NULL);
    o.put("numberingSystem", valid() ? "latn" : Js.NULL);
    o.put("outputCalendar", valid() ? "gregory" : Js.NULL);
    o.put("zone", valid() ? zoneName() : Js.NULL);
    methods(o);
    return o;
  }

  private String zoneName() {
    if (z.getZone() instanceof ZoneOffset off) {
      if (off.getTotalSeconds() == 0) {
        return "UTC";
      }
      return "UTC" + LuxonFormat.format(this, "Z");
    }
    return z.getZone().getId();
  }

  private void methods(NativeObject o) {
    o.put("plus", Urls.fn(a -> shift(a.isEmpty() ? null : a.get(0), 1).object()));
    o.put("minus", Urls.fn(a -> shift(a.isEmpty() ? null : a.get(0), -1).object()));
    o.put("set", Urls.fn(a -> set(a.isEmpty() ? null : a.get(0)).object()));
    o.put("startOf", Urls.fn(a -> startOf(Js.string(a.get(0))).object()));
    o.put("endOf", Urls.fn(a -> startOf(Js.string(a.get(0))).shift(Map.of(Js.string(a.get(0)), 1L), 1).shift(Map.of("milliseconds", 1L), -1).object()));
    o.put("setZone", Urls.fn(a -> setZone(a.isEmpty() || a.get(0) == null ? null : Js.string(a.get(0))).object()));
    o.put("setLocale", Urls.fn(a -> object()));
    o.put("reconfigure", Urls.fn(a -> object()));
    o.put("toUTC", Urls.fn(a -> setZone("UTC").object()));
    o.put("toLocal", Urls.fn(a -> setZone("local").object()));
    o.put("toFormat", Urls.fn(a -> valid() ? LuxonFormat.format(this, Js.string(a.get(0))) : "Invalid DateTime"));
    o.put("toISO", Urls.fn(a -> valid() ? iso() : Js.NULL));
    o.put("toISODate", Urls.fn(a -> valid() ? LuxonFormat.format(this, "yyyy-MM-dd") : Js.NULL));
    o.put("toISOTime", Urls.fn(a -> valid() ? LuxonFormat.format(this, "HH:mm:ss.SSS") + offsetText() : Js.NULL));
    o.put("toISOWeekDate", Urls.fn(a -> valid() ? LuxonFormat.format(this, "kkkk-'W'WW-c") : Js.NULL));
    o.put("toRFC2822", Urls.fn(a -> valid() ? LuxonFormat.format(this, "EEE, dd LLL yyyy HH:mm:ss ZZZ") : Js.NULL));
    o.put("toHTTP", Urls.fn(a -> valid() ? new LuxonDateTime(z.withZoneSameInstant(ZoneOffset.UTC), true).formatWith("EEE, dd LLL yyyy HH:mm:ss 'GMT'") : Js.NULL));
    o.put("toSQL", Urls.fn(a -> valid() ? LuxonFormat.format(this, "yyyy-MM-dd HH:mm:ss.SSS ") + (offsetText().equals("Z") ? "Z" : LuxonFormat.format(this, "ZZ")) : Js.NULL));
    o.put("toSQLDate", Urls.fn(a -> valid() ? LuxonFormat.format(this, "yyyy-MM-dd") : Js.NULL));
    o.put("toSQLTime", Urls.fn(a -> valid() ? LuxonFormat.format(this, "HH:mm:ss.SSS ") + (offsetText().equals("Z") ? "Z" : LuxonFormat.format(this, "ZZ")) : Js.NULL));
    o.put("toJSDate", Urls.fn(a -> valid() ? DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").format(z.withZoneSameInstant(ZoneOffset.UTC)) : Js.NULL));
    o.put("toMillis", Urls.fn(a -> valid() ? (Object) millis() : Js.NULL));
    o.put("valueOf", Urls.fn(a -> valid() ? (Object) millis() : Js.NULL));
    o.put("toSeconds", Urls.fn(a -> valid() ? Js.num(millis() / 1000.0) : Js.NULL));
    o.put("toUnixInteger", Urls.fn(a -> valid() ? (Object) Math.floorDiv(millis(), 1000L) : Js.NULL));
    o.put("toLocaleString", Urls.fn(a -> valid() ? LuxonFormat.format(this, "M/d/yyyy") : "Invalid DateTime"));
    o.put("toRelative", Urls.fn(a -> LuxonRelative.toRelative(this, a.isEmpty() ? null : a.get(0), false)));
    o.put("toRelativeCalendar", Urls.fn(a -> LuxonRelative.toRelative(this, a.isEmpty() ? null : a.get(0), true)));
    o.put("diff", Urls.fn(a -> LuxonDuration.diff(this, other(a.isEmpty() ? null : a.get(0)), DateTimes.units(a.size() > 1 ? a.get(1) : null)).object()));
    o.put("diffNow", Urls.fn(a -> LuxonDuration.diff(this, new LuxonDateTime(ZonedDateTime.now(ZoneOffset.UTC), false), DateTimes.units(a.isEmpty() ? null : a.get(0))).object()));
    o.put("until", Urls.fn(a -> LuxonRelative.until(this, a.isEmpty() ? null : a.get(0))));
    o.put("hasSame", Urls.fn(a -> valid() && LuxonRelative.hasSame(this, other(a.get(0)), Js.string(a.get(1)))));
    o.put("equals", Urls.fn(a -> {
      LuxonDateTime other = other(a.get(0));
      return valid() && other.valid() && millis() == other.millis() && z.getZone().equals(other.z.getZone());
    }));
  }

  String formatWith(String f) {
    return LuxonFormat.format(this, f);
  }

  long millis() {
    return z.toInstant().toEpochMilli();
  }

  private static LuxonDateTime other(Object v) {
    if (v instanceof NativeObject n && n.peer() instanceof LuxonDateTime d) {
      return d;
    }
    if (v instanceof Number n) {
      return new LuxonDateTime(Instant.ofEpochMilli(n.longValue()).atZone(ZoneOffset.UTC), false);
    }
    return invalid("not a DateTime");
  }

  LuxonDateTime shift(Object amount, int sign) {
    if (!valid()) {
      return this;
    }
    ZonedDateTime r = z;
    if (amount instanceof Number n) {
      return new LuxonDateTime(r.plus(sign * n.longValue(), ChronoUnit.MILLIS), fixedZone);
    }
    if (amount instanceof Map<?, ?> m) {
      for (String u : List.of("years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds")) {
        Object v = m.containsKey(u) ? m.get(u) : m.get(u.substring(0, u.length() - 1));
        if (v instanceof Number n) {
          long k = sign * n.longValue();
          r = switch (u) {
            case "years" -> r.plusYears(k);
            case "quarters" -> r.plusMonths(3 * k);
            case "months" -> r.plusMonths(k);
            case "weeks" -> r.plusWeeks(k);
            case "days" -> r.plusDays(k);
            case "hours" -> r.plusHours(k);
            case "minutes" -> r.plusMinutes(k);
            case "seconds" -> r.plusSeconds(k);
            default -> r.plus(k, ChronoUnit.MILLIS);
          };
        }
      }
    }
    return new LuxonDateTime(r, fixedZone);
  }

  private LuxonDateTime set(Object values) {
    if (!valid() || !(values instanceof Map<?, ?> m)) {
      return this;
    }
    ZonedDateTime r = z;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      int v = (int) Js.toNumber(e.getValue());
      r = switch (String.valueOf(e.getKey()).replaceAll("s$", "")) {
        case "year" -> r.withYear(v);
        case "month" -> r.withMonth(v);
        case "day" -> r.withDayOfMonth(v);
        case "hour" -> r.withHour(v);
        case "minute" -> r.withMinute(v);
        case "second" -> r.withSecond(v);
        case "millisecond" -> r.withNano(v * 1_000_000);
        case "weekday" -> r.plusDays(v - r.getDayOfWeek().getValue());
        case "ordinal" -> r.withDayOfYear(v);
        default -> r;
      };
    }
    return new LuxonDateTime(r, fixedZone);
  }

  LuxonDateTime startOf(String unit) {
    if (!valid()) {
      return this;
    }
    ZonedDateTime r = z;
    switch (unit.replaceAll("s$", "")) {
      case "year":
        r = r.withDayOfYear(1);
        r = r.truncatedTo(ChronoUnit.DAYS);
        break;
      case "quarter":
        r = r.withMonth((r.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        break;
      case "month":
        r = r.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        break;
      case "week":
        r = r.minusDays(r.getDayOfWeek().getValue() - 1L).truncatedTo(ChronoUnit.DAYS);
        break;
      case "day":
        r = r.truncatedTo(ChronoUnit.DAYS);
        break;
      case "hour":
        r = r.truncatedTo(ChronoUnit.HOURS);
        break;
      case "minute":
        r = r.truncatedTo(ChronoUnit.MINUTES);
        break;
      case "second":
        r = r.truncatedTo(ChronoUnit.SECONDS);
        break;
      default:
        break;
    }
    return new LuxonDateTime(r, fixedZone);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
