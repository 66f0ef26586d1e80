package io.ferry.api;

import io.ferry.engine.cache.Caches;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.bus.TokenInvalidation;
import com.github.benmanes.caffeine.cache.Cache;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/** Resolves {@code Authorization: Bearer <token>} to the caller's {@link Principal}; 401 otherwise. */
final class Principals implements Handler<RoutingContext> {
  static final String KEY = "ferry.principal";
  private final Vertx vertx;
  /** Same lifetime as the auth verticle's own cache: a hot path pays no event-bus hop for a known token. */
  private final Cache<String, Principal> known = Caches.builder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();

  Principals(Vertx vertx) {
    this.vertx = vertx;
    // revocation is effective at once: every HTTP instance drops the token's cached principal
    vertx.eventBus().<TokenInvalidation>localConsumer(Addresses.AUTH_INVALIDATE, m -> {
      if (m.body() == null || m.body().tokenId() == null) {
        known.invalidateAll();
      } else {
        known.asMap().values().removeIf(p -> m.body().tokenId().equals(p.tokenId()));
      }
    });
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.UNAUTHORIZED, "missing Authorization: Bearer <api token>"));
      return;
    }
    String token = header.substring(7).trim();
    Principal cached = known.getIfPresent(token);
    if (cached != null && cached.expiredAt(System.currentTimeMillis())) {
      known.invalidate(token);
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.UNAUTHORIZED, "invalid or expired API token"));
      return;
    }
    if (cached != null) {
      ctx.put(KEY, cached);
      ctx.next();
      return;
    }
    Bus.<Principal>request(vertx, Addresses.AUTH_RESOLVE, ApiCall.of("resolve", null).withId(token))
        .onSuccess(p -> {
          known.put(token, p);
          ctx.put(KEY, p);
          ctx.next();
        })
        .onFailure(e -> ErrorResponses.send(ctx, e));
  }

  static Principal of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
