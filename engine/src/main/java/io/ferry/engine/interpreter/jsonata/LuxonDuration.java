package io.ferry.engine.interpreter.jsonata;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Luxon Duration from {@code diff}: its units as properties, {@code as/toObject/toISO/toMillis/get}. */
final class LuxonDuration {
  private static final List<String> ORDER = List.of("years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds");
  private static final Map<String, Double> MILLIS = Map.of("years", 365 * 864e5, "quarters", 91 * 864e5, "months", 30 * 864e5,
      "weeks", 7 * 864e5, "days", 864e5, "hours", 36e5, "minutes", 6e4, "seconds", 1e3, "milliseconds", 1d);

  private final Map<String, Double> values;
  /** Luxon's invalid Duration (a diff with an invalid DateTime): no units, NaN amounts, a null ISO form. */
  private final boolean valid;

  private LuxonDuration(Map<String, Double> values) {
    this(values, true);
  }

  private LuxonDuration(Map<String, Double> values, boolean valid) {
    this.values = values;
    this.valid = valid;
  }

  static LuxonDuration diff(LuxonDateTime a, LuxonDateTime b, List<String> requested) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!a.valid() || !b.valid()) {
      return new LuxonDuration(out, false);
    }
    List<String> units = requested.isEmpty() ? List.of("milliseconds") : requested.stream().map(u -> u.endsWith("s") ? u : u + "s").toList();
    List<String> ordered = ORDER.stream().filter(units::contains).toList();
    boolean negative = a.millis() < b.millis();
    ZonedDateTime later = negative ? b.z() : a.z().withZoneSameInstant(b.z().getZone());
    ZonedDateTime cursor = negative ? a.z().withZoneSameInstant(b.z().getZone()) : b.z();
    String lastCalendar = null;
    ZonedDateTime highWater = null;
    for (String u : ordered) {
      if (!List.of("years", "quarters", "months", "weeks", "days").contains(u)) {
        continue;
      }
      long n = 0;
      while (!step(cursor, u, n + 1).isAfter(later)) {
        n++;
      }
      highWater = step(cursor, u, n + 1);
      cursor = step(cursor, u, n);
      out.put(u, (double) n);
      lastCalendar = u;
    }
    double remaining = later.toInstant().toEpochMilli() - cursor.toInstant().toEpochMilli();
    List<String> timeUnits = ordered.stream().filter(u -> List.of("hours", "minutes", "seconds", "milliseconds").contains(u)).toList();
    if (timeUnits.isEmpty()) {
      if (lastCalendar != null && remaining > 0) {
        double span = highWater.toInstant().toEpochMilli() - cursor.toInstant().toEpochMilli();
        out.put(lastCalendar, out.get(lastCalendar) + remaining / span);
      }
    } else {
      for (int i = 0; i < timeUnits.size(); i++) {
        String u = timeUnits.get(i);
        double size = MILLIS.get(u);
        double v = i == timeUnits.size() - 1 ? remaining / size : Math.floor(remaining / size);
        out.put(u, v);
        remaining -= v * size;
      }
    }
    if (negative) {
      out.replaceAll((k, v) -> v == 0 ? 0 : -v);
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    ORDER.forEach(u -> {
      if (out.containsKey(u)) {
        sorted.put(u, out.get(u));
      }
    });
    return new LuxonDuration(sorted);
  }

  private static ZonedDateTime step(ZonedDateTime from, String unit, long n) {
    return switch (unit) {
      case "years" -> from.plusYears(n);
      case "quarters" -> from.plusMonths(3 * n);
      case "months" -> from.plusMonths(n);
      case "weeks" -> from.plusWeeks(n);
      default -> from.plusDays(n);
    };
  }

  /** One unit's amount (NaN when invalid), as Luxon's {@code Duration.get}. */
  double get(String unit) {
    return valid ? values.getOrDefault(plural(unit), 0d) : Double.NaN;
  }

  double millis() {
    return values.entrySet().stream().mapToDouble(e -> e.getValue() * MILLIS.get(e.getKey())).sum();
  }

  Object iso() {
    if (!valid) {
      return Js.NULL;
    }
    StringBuilder sb = new StringBuilder("P");
    append(sb, "years", "Y");
    append(sb, "months", "M");
    if (values.containsKey("quarters")) {
      sb.append(Js.number(values.get("quarters") * 3)).append("M");
    }
    append(sb, "weeks", "W");
    append(sb, "days", "D");
    if (values.containsKey("hours") || values.containsKey("minutes") || values.containsKey("seconds") || values.containsKey("milliseconds")) {
      sb.append("T");
      append(sb, "hours", "H");
      append(sb, "minutes", "M");
      if (values.containsKey("seconds") || values.containsKey("milliseconds")) {
        double s = values.getOrDefault("seconds", 0d) + values.getOrDefault("milliseconds", 0d) / 1000;
        sb.append(Js.number(Math.round(s * 1000) / 1000.0)).append("S");
      }
    }
    return sb.length() == 1 ? "PT0S" : sb.toString();
  }

  private void append(StringBuilder sb, String unit, String letter) {
    if (values.containsKey(unit)) {
      sb.append(Js.number(values.get(unit))).append(letter);
    }
  }

  NativeObject object() {
    NativeObject o = new NativeObject(this, this::iso);
    values.forEach((k, v) -> o.put(k, Js.num(v)));
    o.put("toObject", Urls.fn(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, Js.num(v)));
      return m;
    }));
    o.put("as", Urls.fn(a -> valid ? Js.num(millis() / MILLIS.get(plural(Js.string(a.get(0))))) : Js.NULL));
    o.put("get", Urls.fn(a -> valid ? Js.num(values.getOrDefault(plural(Js.string(a.get(0))), 0d)) : Js.NULL));
    o.put("toMillis", Urls.fn(a -> valid ? Js.num(millis()) : Js.NULL));
    o.put("toISO", Urls.fn(a -> iso()));
    o.put("negate", Urls.fn(a -> {
      Map<String, Double> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, -v));
      return new LuxonDuration(m, valid).object();
    }));
    return o;
  }

  private static String plural(String u) {
    return u.endsWith("s") ? u : u + "s";
  }
}
