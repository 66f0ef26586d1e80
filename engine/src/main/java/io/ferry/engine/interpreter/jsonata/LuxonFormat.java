package io.ferry.engine.interpreter.jsonata;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Luxon's format tokens ({@code yyyy LLL dd HH mm ss SSS a EEE ZZ ...}) for {@code toFormat} and {@code fromFormat}. */
final class LuxonFormat {
  private LuxonFormat() {
  }

  /** Splits a format into tokens (runs of one letter) and quoted literals. */
  static List<String[]> tokens(String format) {
    List<String[]> out = new ArrayList<>();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '\'') {
        int end = format.indexOf('\'', i + 1);
        end = end < 0 ? format.length() : end;
        out.add(new String[] {"lit", format.substring(i + 1, end)});
        i = end + 1;
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < format.length() && format.charAt(j) == c) {
          j++;
        }
        out.add(new String[] {"tok", format.substring(i, j)});
        i = j;
      } else {
        out.add(new String[] {"lit", String.valueOf(c)});
        i++;
      }
    }
    return out;
  }

  static String format(LuxonDateTime dt, String format) {
    ZonedDateTime z = dt.z();
    StringBuilder sb = new StringBuilder();
    for (String[] t : tokens(format)) {
      if (t[0].equals("lit")) {
        sb.append(t[1]);
        continue;
      }
      String k = t[1];
      int off = z.getOffset().getTotalSeconds() / 60;
      String sign = off < 0 ? "-" : "+";
      int ah = Math.abs(off) / 60;
      int am = Math.abs(off) % 60;
      sb.append(switch (k) {
        case "yyyy" -> pad(z.getYear(), 4);
        case "yy" -> pad(z.getYear() % 100, 2);
        case "y" -> String.valueOf(z.getYear());
        case "yyyyyy" -> pad(z.getYear(), 6);
        case "M", "L" -> String.valueOf(z.getMonthValue());
        case "MM", "LL" -> pad(z.getMonthValue(), 2);
        case "MMM", "LLL" -> DateTimes.monthName(z.getMonthValue(), false);
        case "MMMM", "LLLL" -> DateTimes.monthName(z.getMonthValue(), true);
        case "MMMMM", "LLLLL" -> DateTimes.monthName(z.getMonthValue(), true).substring(0, 1);
        case "d" -> String.valueOf(z.getDayOfMonth());
        case "dd" -> pad(z.getDayOfMonth(), 2);
        case "o" -> String.valueOf(z.getDayOfYear());
        case "ooo" -> pad(z.getDayOfYear(), 3);
        case "H" -> String.valueOf(z.getHour());
        case "HH" -> pad(z.getHour(), 2);
        case "h" -> String.valueOf(z.getHour() % 12 == 0 ? 12 : z.getHour() % 12);
        case "hh" -> pad(z.getHour() % 12 == 0 ? 12 : z.getHour() % 12, 2);
        case "m" -> String.valueOf(z.getMinute());
        case "mm" -> pad(z.getMinute(), 2);
        case "s" -> String.valueOf(z.getSecond());
        case "ss" -> pad(z.getSecond(), 2);
        case "S" -> String.valueOf(z.getNano() / 1_000_000);
        case "SSS" -> pad(z.getNano() / 1_000_000, 3);
        case "u" -> pad(z.getNano() / 1_000_000, 3) + "000";
        case "a" -> z.getHour() < 12 ? "AM" : "PM";
        case "E", "c" -> String.valueOf(z.getDayOfWeek().getValue());
        case "EEE", "ccc" -> DateTimes.weekdayName(z.getDayOfWeek().getValue(), false);
        case "EEEE", "cccc" -> DateTimes.weekdayName(z.getDayOfWeek().getValue(), true);
        case "EEEEE", "ccccc" -> DateTimes.weekdayName(z.getDayOfWeek().getValue(), true).substring(0, 1);
        case "q" -> String.valueOf((z.getMonthValue() - 1) / 3 + 1);
        case "qq" -> pad((z.getMonthValue() - 1) / 3 + 1, 2);
        case "W" -> String.valueOf(z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case "WW" -> pad(z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
        case "kk" -> pad(z.get(IsoFields.WEEK_BASED_YEAR) % 100, 2);
        case "kkkk" -> pad(z.get(IsoFields.WEEK_BASED_YEAR), 4);
        case "Z" -> sign + ah + (am == 0 ? "" : ":" + pad(am, 2));
        case "ZZ" -> sign + pad(ah, 2) + ":" + pad(am, 2);
        case "ZZZ" -> sign + pad(ah, 2) + pad(am, 2);
        case "ZZZZ" -> ZoneNames.shortName(z, dt.fixedZone());
        case "ZZZZZ" -> ZoneNames.longName(z, dt.fixedZone());
        case "z" -> ZoneNames.id(z);
        case "D", "DD", "DDD", "DDDD", "t", "tt", "ttt", "tttt", "T", "TT", "TTT", "TTTT", "f", "ff", "fff", "ffff", "F", "FF", "FFF", "FFFF" ->
            LuxonMacros.format(dt, k);
        case "X" -> String.valueOf(Math.floorDiv(z.toInstant().toEpochMilli(), 1000L));
        case "x" -> String.valueOf(z.toInstant().toEpochMilli());
        case "G" -> z.getYear() > 0 ? "AD" : "BC";
        default -> k;
      });
    }
    return sb.toString();
  }

  private static String pad(int v, int n) {
    String s = String.valueOf(Math.abs(v));
    while (s.length() < n) {
      s = "0" + s;
    }
    return v < 0 ? "-" + s : s;
  }

  /** {@code DateTime.fromFormat(text, format, {zone, setZone})} for the common tokens. */
  static LuxonDateTime parse(String text, String format, String zone, boolean keepOffset) {
    if (text == null || format == null) {
      return LuxonDateTime.invalid("unparsable");
    }
    StringBuilder re = new StringBuilder();
    List<String> groups = new ArrayList<>();
    for (String[] t : tokens(format)) {
      if (t[0].equals("lit")) {
        re.append(Pattern.quote(t[1]));
        continue;
      }
      String k = t[1];
      String g = switch (k) {
        case "yyyy" -> "(\\d{4})";
        case "yy" -> "(\\d{2})";
        case "y" -> "(\\d{1,6})";
        case "MM", "LL", "dd", "HH", "hh", "mm", "ss" -> "(\\d{2})";
        case "M", "L", "d", "H", "h", "m", "s" -> "(\\d{1,2})";
        case "SSS" -> "(\\d{3})";
        case "S" -> "(\\d{1,3})";
        case "MMM", "LLL", "MMMM", "LLLL", "EEE", "EEEE", "ccc", "cccc" -> "([A-Za-z]+)";
        case "a" -> "(AM|PM|am|pm)";
        case "Z", "ZZ", "ZZZ" -> "(Z|[+-]\\d{1,2}(?::?\\d{2})?)";
        case "z" -> "([A-Za-z_/+-]+)";
        case "X" -> "(-?\\d+)";
        case "x" -> "(-?\\d+)";
        case "o" -> "(\\d{1,3})";
        default -> null;
      };
      if (g == null) {
        return LuxonDateTime.invalid("unsupported token " + k);
      }
      re.append(g);
      groups.add(k);
    }
    Matcher m = Pattern.compile(re.toString()).matcher(text);
    if (!m.matches()) {
      return LuxonDateTime.invalid("unparsable");
    }
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    Boolean pm = null;
    ZoneId parsedZone = null;
    Long epochMillis = null;
    try {
      for (int i = 0; i < groups.size(); i++) {
        String v = m.group(i + 1);
        switch (groups.get(i)) {
          case "yyyy", "y" -> year = Integer.parseInt(v);
          case "yy" -> year = 2000 + Integer.parseInt(v) - (Integer.parseInt(v) > 60 ? 100 : 0);
          case "MM", "LL", "M", "L" -> month = Integer.parseInt(v);
          case "MMM", "LLL", "MMMM", "LLLL" -> month = monthOf(v);
          case "dd", "d" -> day = Integer.parseInt(v);
          case "HH", "H", "hh", "h" -> hour = Integer.parseInt(v);
          case "mm", "m" -> minute = Integer.parseInt(v);
          case "ss", "s" -> second = Integer.parseInt(v);
          case "SSS", "S" -> millis = Integer.parseInt(v);
          case "a" -> pm = v.equalsIgnoreCase("PM");
          case "Z", "ZZ", "ZZZ" -> parsedZone = DateTimes.offset(v.length() == 2 || v.length() == 3 && !v.equals("Z") ? v + "00" : v);
          case "z" -> parsedZone = ZoneId.of(v);
          case "X" -> epochMillis = Long.parseLong(v) * 1000;
          case "x" -> epochMillis = Long.parseLong(v);
          default -> {
          }
        }
      }
      if (pm != null) {
        hour = hour % 12 + (pm ? 12 : 0);
      }
      boolean explicit = zone != null && !zone.equalsIgnoreCase("local");
      ZoneId target = DateTimes.zoneOf(zone);
      if (epochMillis != null) {
        return new LuxonDateTime(java.time.Instant.ofEpochMilli(epochMillis).atZone(target), explicit);
      }
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
      if (parsedZone != null) {
        ZonedDateTime at = local.atZone(parsedZone);
        return keepOffset ? new LuxonDateTime(at, true) : new LuxonDateTime(at.withZoneSameInstant(target), explicit);
      }
      return new LuxonDateTime(local.atZone(target), explicit);
    } catch (RuntimeException e) {
      return LuxonDateTime.invalid("unit out of range");
    }
  }

  private static int monthOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = 1; i <= 12; i++) {
      if (DateTimes.monthName(i, true).toLowerCase(Locale.ROOT).startsWith(n.substring(0, Math.min(3, n.length())))) {
        return i;
      }
    }
    throw new IllegalArgumentException("month " + name);
  }
}
