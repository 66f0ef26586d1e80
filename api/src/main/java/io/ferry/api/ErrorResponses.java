package io.ferry.api;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures become HTTP responses: {@code {statusCode, error, message, details?}} plus extras. */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {
  }

  public static void send(RoutingContext ctx, Throwable failure) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    int status;
    String message;
    JsonObject details = null;
    JsonObject extra = null;
    if (failure instanceof FerryFailure f) {
      status = f.code().status;
      message = f.getMessage();
      details = f.details();
      extra = f.extra();
    } else if (failure instanceof ReplyException re) {
      status = switch (re.failureType()) {
        case TIMEOUT -> ErrorCode.GATEWAY_TIMEOUT.status;
        case NO_HANDLERS -> ErrorCode.UNAVAILABLE.status;
        default -> re.failureCode() >= 400 && re.failureCode() < 600 ? re.failureCode() : 500;
      };
      message = status == 503 ? "service is starting or stopping" : status == 504 ? "timed out" : re.getMessage();
    } else if (io.ferry.engine.store.StoreFaults.classify(failure) != null) {
      FerryFailure mapped = io.ferry.engine.store.StoreFaults.classify(failure);
      status = mapped.code().status;
      message = mapped.getMessage();
      details = mapped.details();
    } else {
      status = 500;
      message = "internal error";
      // never the message: it can quote the caller's input
      LOG.error("Unhandled failure on {} {}: {}", ctx.request().method(), ctx.normalizedPath(),
          io.ferry.engine.store.StoreFaults.describe(failure));
    }
    send(ctx, status, message, details, extra);
  }

  /**
   * Requests Vert.x rejects before any route sees them (request line or headers too long, malformed HTTP): the same
   * envelope, then the connection closes.
   */
  public static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    int status = cause instanceof io.netty.handler.codec.http.TooLongHttpLineException ? 414
        : cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException ? 431 : 400;
    String message = switch (status) {
      case 414 -> "request line (method, path and query) too long";
      case 431 -> "request headers too large";
      default -> "malformed HTTP request";
    };
    request.response().setStatusCode(status).putHeader("content-type", "application/json").putHeader("connection", "close")
        .end(new JsonObject().put("statusCode", status).put("error", ErrorCode.reasonOf(status)).put("message", message).toBuffer());
  }

  public static void send(RoutingContext ctx, int status, String message, JsonObject details, JsonObject extra) {
    JsonObject body = new JsonObject().put("statusCode", status).put("error", ErrorCode.reasonOf(status)).put("message", message);
    if (details != null) {
      body.put("details", details);
    }
    if (extra != null) {
      body.mergeIn(extra);
    }
    if (status == 503 && !ctx.response().headers().contains("retry-after")) {
      ctx.response().putHeader("retry-after", String.valueOf(io.ferry.engine.store.StoreFaults.RETRY_AFTER_SECONDS));
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toBuffer());
  }
}
