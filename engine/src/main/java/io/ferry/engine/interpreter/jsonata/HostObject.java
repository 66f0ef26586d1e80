package io.ferry.engine.interpreter.jsonata;

import java.util.LinkedHashMap;

/**
 * An object that came from outside the expression (the input, a binding, {@code $xmlToJs} or {@code $jsonParse}): in
 * Truto's engine such objects have JS's Object prototype, while objects an expression builds have none (JSONata
 * 2.2), which libraries calling {@code obj.hasOwnProperty} (xml-js in {@code $jsToXml}) trip over.
 */
public final class HostObject extends LinkedHashMap<String, Object> {
  public HostObject() {
  }

  public HostObject(int capacity) {
    super(capacity);
  }
}
