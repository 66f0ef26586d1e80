package io.ferry.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * One log line per request (method, path without query, status, duration, request id) and the request id echoed as
 * {@code X-Request-Id}. Headers, query strings and bodies are never logged: they carry credentials.
 */
final class RequestLog implements Handler<RoutingContext> {
  static final String LOGGER = "ferry.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final String HEADER = "X-Request-Id";

  /** 128 random bits, hex: unique enough for correlation, and without UUID.randomUUID's SecureRandom cost. */
  static String newId() {
    var r = java.util.concurrent.ThreadLocalRandom.current();
    return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }

  /** The path as logged: an MCP server's URL holds its token, which is a credential. */
  static String loggedPath(String path) {
    return path != null && path.startsWith("/mcp/") ? "/mcp/****" : path;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
    long start = System.nanoTime();
    ctx.put("request_id", id);
    ctx.response().putHeader(HEADER, id);
    if (!LOG.isInfoEnabled()) { // FERRY_ACCESS_LOG=false
      ctx.next();
      return;
    }
    ctx.addEndHandler(v -> {
      long micros = (System.nanoTime() - start) / 1000;
      LOG.atInfo().addKeyValue("request_id", id).addKeyValue("status", ctx.response().getStatusCode())
          .addKeyValue("duration_ms", micros / 1000.0)
          .log("{} {} {} {}ms request_id={}", ctx.request().method(), loggedPath(ctx.request().path()), ctx.response().getStatusCode(),
              micros / 1000.0, id);
    });
    ctx.next();
  }
}
