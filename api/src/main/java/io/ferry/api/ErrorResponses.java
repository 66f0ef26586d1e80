package io.ferry.api;

import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
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
    } else {
      status = 500;
      message = "internal error";
      LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
    }
    send(ctx, status, message, details, extra);
  }

  public static void send(RoutingContext ctx, int status, String message, JsonObject details, JsonObject extra) {
    JsonObject body = new JsonObject().put("statusCode", status).put("error", ErrorCode.reasonOf(status)).put("message", message);
    if (details != null) {
      body.put("details", details);
    }
    if (extra != null) {
      body.mergeIn(extra);
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toBuffer());
  }
}
