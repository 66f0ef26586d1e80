package io.ferry.engine.interpreter.jsonata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Luxon's Duration arithmetic on unit values with its "casual" conversion matrix (a year is 365 days, a quarter 91, a
 * month 30): {@code shiftTo}, {@code normalize}, {@code toMillis}, unit names, and {@code toFormat}'s tokens.
 */
final class LuxonDurationMath {
  static final List<String> UNITS = List.of("years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds");
  private static final double DAY = 24 * 60 * 60 * 1000d;
  /** Milliseconds per unit: the casual matrix's entries are these ratios. */
  private static final Map<String, Double> MILLIS = Map.of("years", 365 * DAY, "quarters", 91 * DAY, "months", 30 * DAY,
      "weeks", 7 * DAY, "days", DAY, "hours", 36e5, "minutes", 6e4, "seconds", 1e3, "milliseconds", 1d);
  private static final Map<String, Map<String, Double>> CALENDAR = Map.of(
      "years", Map.of("quarters", 4d, "months", 12d, "weeks", 52d),
      "quarters", Map.of("months", 3d, "weeks", 13d),
      "months", Map.of("weeks", 4d));

  private LuxonDurationMath() {
  }

  /** {@code matrix[from][to]}: how many {@code to} make one {@code from}. */
  static double matrix(String from, String to) {
    Map<String, Double> calendar = CALENDAR.get(from);
    if (calendar != null && calendar.containsKey(to)) {
      return calendar.get(to);
    }
    return MILLIS.get(from) / MILLIS.get(to);
  }

  /** Luxon's {@code Duration.normalizeUnit}: "day" and "Days" are "days"; anything else is an invalid unit. */
  static String unit(Object u) {
    String s = Js.string(u).toLowerCase(java.util.Locale.ROOT);
    String plural = s.endsWith("s") ? s : s + "s";
    if (!UNITS.contains(plural)) {
      throw new IllegalArgumentException("Invalid unit " + Js.string(u));
    }
    return plural;
  }

  static double toMillis(Map<String, Double> vals) {
    double sum = vals.getOrDefault("milliseconds", 0d);
    for (int i = UNITS.size() - 2; i >= 0; i--) {
      Double v = vals.get(UNITS.get(i));
      if (v != null && v != 0) {
        sum += v * MILLIS.get(UNITS.get(i));
      }
    }
    return sum;
  }

  static Map<String, Double> shiftTo(Map<String, Double> vals, List<String> units) {
    Map<String, Double> built = new LinkedHashMap<>();
    Map<String, Double> accumulated = new LinkedHashMap<>();
    String last = null;
    for (String k : UNITS) {
      if (units.contains(k)) {
        last = k;
        double own = 0;
        for (Map.Entry<String, Double> a : accumulated.entrySet()) {
          own += matrix(a.getKey(), k) * a.getValue();
          a.setValue(0d);
        }
        own += vals.getOrDefault(k, 0d);
        double i = own < 0 ? Math.ceil(own) : Math.floor(own);
        built.put(k, i);
        accumulated.put(k, (own * 1000 - i * 1000) / 1000);
      } else if (vals.containsKey(k)) {
        accumulated.put(k, vals.get(k));
      }
    }
    for (Map.Entry<String, Double> a : accumulated.entrySet()) {
      if (a.getValue() != 0) {
        built.put(last, built.get(last) + (a.getKey().equals(last) ? a.getValue() : a.getValue() / matrix(last, a.getKey())));
      }
    }
    normalize(built);
    return built;
  }

  /** Luxon's {@code normalizeValues}: lower units rolled up into higher ones, then fractions pushed down. */
  static void normalize(Map<String, Double> vals) {
    double factor = toMillis(vals) < 0 ? -1 : 1;
    String previous = null;
    for (int i = UNITS.size() - 1; i >= 0; i--) {
      String current = UNITS.get(i);
      if (!vals.containsKey(current)) {
        continue;
      }
      if (previous != null) {
        double previousVal = vals.get(previous) * factor;
        double conv = matrix(current, previous);
        double rollUp = Math.floor(previousVal / conv);
        vals.put(current, vals.get(current) + rollUp * factor);
        vals.put(previous, vals.get(previous) - rollUp * conv * factor);
      }
      previous = current;
    }
    previous = null;
    for (String current : UNITS) {
      if (!vals.containsKey(current)) {
        continue;
      }
      if (previous != null) {
        double fraction = vals.get(previous) % 1;
        vals.put(previous, vals.get(previous) - fraction);
        vals.put(current, vals.get(current) + fraction * matrix(previous, current));
      }
      previous = current;
    }
  }

  /** {@code Duration.toFormat(format, {floor})}: shifted to the units the format names, each floored and zero-padded. */
  static String format(Map<String, Double> vals, String format, boolean floor) {
    List<String[]> tokens = LuxonFormat.tokens(format);
    List<String> units = new java.util.ArrayList<>();
    for (String[] t : tokens) {
      String field = field(t);
      if (field != null && !units.contains(field)) {
        units.add(field);
      }
    }
    Map<String, Double> shifted = units.isEmpty() ? vals : shiftTo(vals, units);
    StringBuilder sb = new StringBuilder();
    for (String[] t : tokens) {
      String field = field(t);
      if (field == null) {
        sb.append(t[1]);
        continue;
      }
      double v = shifted.getOrDefault(field, 0d);
      double n = floor ? Math.floor(v) : Math.round(v * 1000) / 1000.0;
      String digits = Js.number(Math.abs(n));
      while (digits.length() < t[1].length()) {
        digits = "0" + digits;
      }
      sb.append(n < 0 ? "-" : "").append(digits);
    }
    return sb.toString();
  }

  private static String field(String[] token) {
    if (!token[0].equals("tok")) {
      return null;
    }
    return switch (token[1].charAt(0)) {
      case 'S' -> "milliseconds";
      case 's' -> "seconds";
      case 'm' -> "minutes";
      case 'h' -> "hours";
      case 'd' -> "days";
      case 'w' -> "weeks";
      case 'M' -> "months";
      case 'y' -> "years";
      default -> null;
    };
  }
}
