package io.ferry.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;

/** Serves the checked-in OpenAPI 3.1 document ({@code api/src/main/resources/openapi.json}). */
final class OpenApiDocument implements Handler<RoutingContext> {
  static final String RESOURCE = "openapi.json";
  private final Buffer document = load();

  static Buffer load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json").end(document);
  }
}
