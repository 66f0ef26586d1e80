package io.ferry.engine.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code instanceof List} and {@code instanceof Map} for JSON values, asking by class first. On JDK 17 a failed test
 * against an interface scans the value's class's interfaces every time, and JSON values are mostly strings, hash maps
 * and array lists (profiled: a JSONata name path's own time was a fifth of a response mapping's).
 */
public final class JsonTypes {
  private JsonTypes() {
  }

  public static boolean isList(Object v) {
    return v instanceof ArrayList || !(v == null || v instanceof String || v instanceof HashMap || v instanceof Number
        || v instanceof Boolean) && v instanceof List;
  }

  public static boolean isMap(Object v) {
    return v instanceof HashMap || !(v == null || v instanceof String || v instanceof ArrayList || v instanceof Number
        || v instanceof Boolean) && v instanceof Map;
  }
}
