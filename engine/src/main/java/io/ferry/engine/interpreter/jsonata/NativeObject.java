package io.ferry.engine.interpreter.jsonata;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * A JS object with methods (a Luxon DateTime, a URL): its properties and methods are visible to expressions, and in
 * an answer it becomes what its {@code toJSON()} gives (an ISO string, an href), as Truto's engine serialises it.
 */
public final class NativeObject extends LinkedHashMap<String, Object> {
  private final transient Supplier<Object> json;
  private final transient Object peer;
  /** What {@code $keys} lists: the keys of the JS object Truto unwraps the wrapper to; null lists the wrapper's. */
  private transient java.util.List<String> rawKeys;

  public NativeObject(Object peer, Supplier<Object> json) {
    this.peer = peer;
    this.json = json;
  }

  public Object json() {
    return json.get();
  }

  public Object peer() {
    return peer;
  }

  NativeObject rawKeys(java.util.List<String> keys) {
    this.rawKeys = keys;
    return this;
  }

  java.util.List<String> rawKeys() {
    return rawKeys == null ? new java.util.ArrayList<>(keySet()) : rawKeys;
  }
}
