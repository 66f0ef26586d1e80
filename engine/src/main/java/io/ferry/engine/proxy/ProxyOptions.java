package io.ferry.engine.proxy;

/**
 * The proxy's settings from {@code FerryOptions}: private targets allowed, the total upstream time of one call
 * (body included) and the largest JSON body Ferry reshapes.
 */
public record ProxyOptions(boolean allowPrivate, long timeoutMillis, long maxBodyBytes) {
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
}
