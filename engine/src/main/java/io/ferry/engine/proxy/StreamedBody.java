package io.ferry.engine.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * A proxy answer's body that is still arriving from the upstream (paused): the HTTP edge pipes it to the caller with
 * back-pressure, and {@link #abort} resets the upstream exchange when the caller goes away mid-way.
 */
public record StreamedBody(ReadStream<Buffer> stream) {

  public void abort() {
    discard(stream);
  }

  /** Resets the upstream exchange of an answer nobody will read, so its connection is not left half-read. */
  static void discard(ReadStream<Buffer> stream) {
    if (stream instanceof HttpClientResponse response) {
      response.request().reset();
    }
  }
}
