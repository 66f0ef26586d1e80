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
    return valid ? values.getOrDefault(LuxonDurationMath.unit(unit), 0d) : Double.NaN;
  }

  double millis() {
    return LuxonDurationMath.toMillis(values);
  }

  /** Luxon's {@code toISO}: zero units left out, quarters folded into months, "PT0S" when nothing is left. */
  Object iso() {
    if (!valid) {
      return Js.NULL;
    }
    StringBuilder sb = new StringBuilder("P");
    double months = v("months") + v("quarters") * 3;
    part(sb, v("years"), "Y");
    part(sb, v("months") != 0 || v("quarters") != 0 ? months : 0, "M");
    part(sb, v("weeks"), "W");
    part(sb, v("days"), "D");
    if (v("hours") != 0 || v("minutes") != 0 || v("seconds") != 0 || v("milliseconds") != 0) {
      sb.append('T');
    }
    part(sb, v("hours"), "H");
    part(sb, v("minutes"), "M");
    if (v("seconds") != 0 || v("milliseconds") != 0) {
      sb.append(Js.number(Math.round((v("seconds") + v("milliseconds") / 1000) * 1000) / 1000.0)).append('S');
    }
    return sb.length() == 1 ? "PT0S" : sb.toString();
  }

  private double v(String unit) {
    return values.getOrDefault(unit, 0d);
  }

  private static void part(StringBuilder sb, double value, String letter) {
    if (value != 0) {
      sb.append(Js.number(value)).append(letter);
    }
  }

  /** Truto's Duration wrapper: the unit values, then {@code toObject as plus minus shiftTo normalize negate toFormat toISO toMillis get}. */
  NativeObject object() {
    NativeObject o = new NativeObject(this, this::iso);
    values.forEach((k, v) -> o.put(k, Js.num(v)));
    o.put("toObject", Urls.fn(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, Js.num(v)));
      return m;
    }));
    o.put("as", Urls.fn(a -> valid ? Js.num(shifted(List.of(LuxonDurationMath.unit(a.get(0)))).get(Js.string(a.get(0)))) : Js.NULL));
    o.put("plus", Urls.fn(a -> plus(a.isEmpty() ? null : a.get(0), 1).object()));
    o.put("minus", Urls.fn(a -> plus(a.isEmpty() ? null : a.get(0), -1).object()));
    o.put("shiftTo", Urls.fn(a -> valid && !a.isEmpty() ? shifted(a.stream().map(LuxonDurationMath::unit).toList()).object() : object()));
    o.put("normalize", Urls.fn(a -> {
      Map<String, Double> m = new LinkedHashMap<>(values);
      if (valid) {
        LuxonDurationMath.normalize(m);
      }
      return new LuxonDuration(m, valid).object();
    }));
    o.put("negate", Urls.fn(a -> {
      Map<String, Double> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, v == 0 ? 0 : -v));
      return new LuxonDuration(m, valid).object();
    }));
    o.put("toFormat", Urls.fn(a -> {
      Map<?, ?> opts = a.size() > 1 && a.get(1) instanceof Map<?, ?> m ? m : Map.of();
      boolean floor = !Boolean.FALSE.equals(opts.get("round")) && !Boolean.FALSE.equals(opts.get("floor"));
      return valid ? LuxonDurationMath.format(values, Js.string(a.get(0)), floor) : "Invalid Duration";
    }));
    o.put("toISO", Urls.fn(a -> iso()));
    o.put("toMillis", Urls.fn(a -> valid ? Js.num(millis()) : Js.NULL));
    o.put("get", Urls.fn(a -> valid ? Js.num(get(Js.string(a.get(0)))) : Js.NULL));
    return o;
  }

  private LuxonDuration shifted(List<String> units) {
    return new LuxonDuration(LuxonDurationMath.shiftTo(values, units), true);
  }

  /** Luxon's {@code plus}: a number is milliseconds, an object names units; every unit either side is kept, in order. */
  private LuxonDuration plus(Object amount, int sign) {
    if (!valid) {
      return this;
    }
    Map<String, Double> other = new LinkedHashMap<>();
    if (amount instanceof NativeObject n && n.peer() instanceof LuxonDuration d) {
      other.putAll(d.values);
    } else if (amount instanceof Map<?, ?> m) {
      m.forEach((k, v) -> other.put(LuxonDurationMath.unit(k), Js.toNumber(v)));
    } else if (amount instanceof Number n) {
      other.put("milliseconds", n.doubleValue());
    } else {
      throw new IllegalArgumentException("Unknown duration argument " + Js.string(amount) + " of type " + (amount == null ? "undefined" : "string"));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : LuxonDurationMath.UNITS) {
      if (other.containsKey(k) || values.containsKey(k)) {
        out.put(k, values.getOrDefault(k, 0d) + sign * other.getOrDefault(k, 0d));
      }
    }
    return new LuxonDuration(out, true);
  }

}
