package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.bus.Principal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/** Resolves {@code Authorization: Bearer <token>} to the caller's {@link Principal}; 401 otherwise. */
final class Principals implements Handler<RoutingContext> {
  static final String KEY = "ferry.principal";
  private final Vertx vertx;

  Principals(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.UNAUTHORIZED, "missing Authorization: Bearer <api token>"));
      return;
    }
    Bus.<Principal>request(vertx, Addresses.AUTH_RESOLVE, ApiCall.of("resolve", null).withId(header.substring(7).trim()))
        .onSuccess(p -> {
          ctx.put(KEY, p);
          ctx.next();
        })
        .onFailure(e -> ErrorResponses.send(ctx, e));
  }

  static Principal of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
