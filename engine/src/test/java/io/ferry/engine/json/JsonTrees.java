package io.ferry.engine.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.LinkedHashMap;
import java.util.Map;

/** Generators of JSON values an answer can hold: strings with escapes and non-ASCII, numbers, nested trees. */
final class JsonTrees {
  private JsonTrees() {
  }

  static Arbitrary<String> text() {
    return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(40).filter(JsonTrees::wellFormed),
        Arbitraries.strings().withCharRange('\u0000', '\u0021').withChars('"', '\\', '/', '\u007f', '\u2028', 'é', '€')
            .ofMaxLength(20));
  }

  static Arbitrary<Object> tree(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(text().map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l), Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b), Arbitraries.just(null));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> child = tree(depth - 1);
    Arbitrary<Object> array = child.list().ofMaxSize(4).map(l -> (Object) new JsonArray(l));
    Arbitrary<Object> object = Arbitraries.maps(text(), child).ofMaxSize(4)
        .map(m -> (Object) new JsonObject(new LinkedHashMap<String, Object>(m)));
    Arbitrary<Object> plainMap = Arbitraries.maps(text(), child).ofMaxSize(3).map(m -> (Object) (Map<String, Object>) m);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, array),
        net.jqwik.api.Tuple.of(2, object), net.jqwik.api.Tuple.of(1, plainMap));
  }

  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
