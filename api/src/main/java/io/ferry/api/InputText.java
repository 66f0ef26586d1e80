package io.ferry.api;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Text no store can hold: a NUL character (PostgreSQL refuses it in text) or a lone surrogate, in any key or string of a
 * request body. Refused up front with the field's JSON pointer, before anything is written.
 */
final class InputText {
  private InputText() {
  }

  static void check(Object node, String pointer) {
    if (node instanceof JsonObject o) {
      for (var e : o) {
        String p = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (!storable(e.getKey())) {
          throw FerryFailure.invalid(p, "the key contains a NUL character or an unpaired surrogate");
        }
        check(e.getValue(), p);
      }
    } else if (node instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        check(a.getValue(i), pointer + "/" + i);
      }
    } else if (node instanceof String s && !storable(s)) {
      throw FerryFailure.invalid(pointer, "must not contain a NUL character or an unpaired surrogate");
    }
  }

  static boolean storable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
