package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;

/** {@code $diceCoefficient} and {@code $mostSimilar} (the dice-coefficient package over normalised bigrams). */
final class Similarity {
  private Similarity() {
  }

  static Object dice(String a, String b) {
    if (a != null && a.equals(b)) {
      return 1L;
    }
    return Js.num(coefficient(normalize(a), normalize(b)));
  }

  static Object mostSimilar(String value, Object candidates, double threshold) {
    String norm = normalize(value);
    double best = 0;
    Object bestValue = "";
    for (Object c : Lodash.castArray(candidates)) {
      double s = coefficient(norm, normalize(Js.string(c)));
      if (s > best) {
        best = s;
        bestValue = c;
      }
    }
    return best >= threshold ? bestValue : value;
  }

  private static String normalize(String s) {
    return s.toLowerCase().replaceAll("[^a-z0-9]", "");
  }

  private static double coefficient(String a, String b) {
    List<String> left = pairs(a);
    List<String> right = pairs(b);
    int total = left.size() + right.size();
    int hits = 0;
    for (String p : left) {
      int i = right.indexOf(p);
      if (i >= 0) {
        hits++;
        right.set(i, "");
      }
    }
    return 2.0 * hits / total;
  }

  private static List<String> pairs(String s) {
    List<String> out = new ArrayList<>();
    if (s.length() == 1) {
      out.add(s);
      return out;
    }
    for (int i = 0; i + 2 <= s.length(); i++) {
      out.add(s.substring(i, i + 2));
    }
    return out;
  }
}
