package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A caller's body sent upstream as it came, without being held in memory ({@code truto_body_passthrough=true}, or a
 * body that is not JSON: a file upload, multipart, form or XML). It can be read once, so a call carrying it makes a
 * single attempt upstream. {@code contentType} and {@code contentLength} are the caller's headers (null when absent).
 */
public record RawBody(ReadStream<Buffer> stream, String contentType, String contentLength) {
}
