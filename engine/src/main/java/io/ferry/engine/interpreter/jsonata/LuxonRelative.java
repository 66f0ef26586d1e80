package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.JsonValues.obj;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Luxon's {@code toRelative}, {@code toRelativeCalendar} and {@code until} on a DateTime, as Truto's wrapper exposes
 * them: Luxon's English relative formatter ("in 3 days", "5 hr. ago", "yesterday"), counts truncated toward zero, and
 * {@code until}'s Interval as the plain object Truto answers ({@code s}, {@code e}, {@code invalid}, {@code isLuxonInterval}).
 */
final class LuxonRelative {
  private static final List<String> UNITS = List.of("years", "months", "days", "hours", "minutes", "seconds");
  private static final Map<String, List<String>> NAMES = Map.of("years", List.of("year", "yr."), "quarters", List.of("quarter", "qtr."),
      "months", List.of("month", "mo."), "weeks", List.of("week", "wk."), "days", List.of("day", "day"),
      "hours", List.of("hour", "hr."), "minutes", List.of("minute", "min."), "seconds", List.of("second", "sec."));

  private LuxonRelative() {
  }

  static Object toRelative(LuxonDateTime self, Object options, boolean calendar) {
    if (!self.valid()) {
      return Js.NULL;
    }
    Map<?, ?> o = options instanceof Map<?, ?> m ? m : Map.of();
    LuxonDateTime base = o.get("base") instanceof NativeObject n && n.peer() instanceof LuxonDateTime d
        ? d : new LuxonDateTime(ZonedDateTime.now(self.z().getZone()), self.fixedZone());
    LuxonDateTime end = self;
    List<String> units = calendar ? List.of("years", "months", "days") : UNITS;
    Object unit = o.get("unit");
    if (!calendar) {
      if (Js.truthy(o.get("padding"))) {
        double padding = Js.toNumber(o.get("padding"));
        end = self.shift((long) (base.valid() && self.millis() < base.millis() ? -padding : padding), 1);
      }
      if (unit instanceof List<?> l) {
        units = l.stream().map(Js::string).toList();
        unit = null;
      }
    }
    boolean round = !o.containsKey("round") || o.get("round") == null || Js.truthy(o.get("round"));
    int digits = round || calendar ? 0 : 2;
    boolean narrow = o.get("style") != null && !"long".equals(o.get("style"));
    if (Js.truthy(unit)) {
      String u = Js.string(unit);
      return format(trunc(differ(base, end, u, calendar), digits), u, calendar, narrow);
    }
    for (String u : units) {
      double count = differ(base, end, u, calendar);
      if (Math.abs(count) >= 1) {
        return format(trunc(count, digits), u, calendar, narrow);
      }
    }
    return format(base.valid() && base.millis() > end.millis() ? -0.0 : 0.0, units.get(units.size() - 1), calendar, narrow);
  }

  private static double differ(LuxonDateTime start, LuxonDateTime end, String unit, boolean calendar) {
    if (!calendar) {
      return LuxonDuration.diff(end, start, List.of(unit)).get(unit);
    }
    if (hasSame(end, start, unit)) {
      return 0;
    }
    return LuxonDuration.diff(end.startOf(unit), start.startOf(unit), List.of(unit)).get(unit);
  }

  /** Luxon's {@code hasSame}: {@code other} within the same unit as this, this read in other's zone at the same wall time. */
  static boolean hasSame(LuxonDateTime self, LuxonDateTime other, String unit) {
    if (!other.valid()) {
      return false;
    }
    LuxonDateTime adjusted = new LuxonDateTime(self.z().withZoneSameLocal(other.z().getZone()), self.fixedZone());
    LuxonDateTime start = adjusted.startOf(unit);
    long endMs = start.shift(Map.of(plural(unit), 1L), 1).millis() - 1;
    return start.millis() <= other.millis() && other.millis() <= endMs;
  }

  private static double trunc(double c, int digits) {
    double factor = Math.pow(10, digits);
    double t = c * factor;
    return (t < 0 ? Math.ceil(t) : Math.floor(t)) / factor;
  }

  /** Luxon's English {@code formatRelativeTime}. */
  private static String format(double count, String unit, boolean auto, boolean narrow) {
    List<String> names = NAMES.get(unit);
    if (auto && !List.of("hours", "minutes", "seconds").contains(unit)) {
      boolean day = unit.equals("days");
      if (count == 1) {
        return day ? "tomorrow" : "next " + name(names, 0);
      }
      if (count == -1) {
        return day ? "yesterday" : "last " + name(names, 0);
      }
      if (count == 0) {
        return day ? "today" : "this " + name(names, 0);
      }
    }
    boolean past = count < 0 || count == 0 && 1 / count < 0;
    double value = Math.abs(count);
    boolean singular = value == 1;
    String name = narrow ? singular ? name(names, 1) : name(names, 1).equals("day") ? "days" : name(names, 1) : singular ? name(names, 0) : unit;
    String amount = Js.number(value) + " " + name;
    return past ? amount + " ago" : "in " + amount;
  }

  /** A unit Luxon's English table lacks (a singular "day") fails only where its names are read, as in JS. */
  private static String name(List<String> names, int i) {
    if (names == null) {
      throw new IllegalArgumentException("Cannot read properties of undefined (reading '" + i + "')");
    }
    return names.get(i);
  }

  /** Luxon's {@code until}: an invalid DateTime answers itself. */
  static Object until(LuxonDateTime start, Object otherArg) {
    if (!start.valid()) {
      return start.object();
    }
    LuxonDateTime end = endOf(otherArg);
    if (!end.valid()) {
      return invalid("missing or invalid end", Js.NULL);
    }
    if (end.millis() < start.millis()) {
      return invalid("end before start", "The end of an interval must be after its start, but you had start=" + start.iso() + " and end=" + end.iso());
    }
    return obj("s", point(start), "e", point(end), "invalid", Js.NULL, "isLuxonInterval", true);
  }

  private static LuxonDateTime endOf(Object v) {
    if (v instanceof NativeObject n && n.peer() instanceof LuxonDateTime d) {
      return d;
    }
    if (v instanceof Number || v instanceof Map<?, ?>) {
      return LuxonDateTime.invalid("invalid input"); // Luxon reads a number as a JS Date, which it is not
    }
    String type = v == null ? "undefined" : v instanceof String ? "string" : v instanceof Boolean ? "boolean" : "object";
    throw new IllegalArgumentException("Unknown datetime argument: " + Js.string(v) + ", of type " + type);
  }

  /** An Interval's endpoint is a raw Luxon DateTime to Truto's engine: no readable properties, an ISO string in an answer. */
  private static NativeObject point(LuxonDateTime d) {
    return new NativeObject(d, d::iso).rawKeys(List.of("ts", "_zone", "loc", "invalid", "weekData", "localWeekData", "c", "o", "isLuxonDateTime"));
  }

  private static Map<String, Object> invalid(String reason, Object explanation) {
    return obj("invalid", obj("reason", reason, "explanation", explanation), "isLuxonInterval", true);
  }

  private static String plural(String u) {
    return u.endsWith("s") ? u : u + "s";
  }
}
