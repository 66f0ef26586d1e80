package io.ferry.engine.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable message records by reference on the local event bus: no copy, no serialisation. Messages using
 * it are sent local-only; a clustered deployment sends across nodes with its own codecs.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  public LocalCodec(Class<T> type) {
    this.name = "ferry-local-" + type.getName();
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException(name + " is local-only");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(name + " is local-only");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
