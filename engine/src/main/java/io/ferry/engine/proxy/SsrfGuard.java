package io.ferry.engine.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ferry.engine.bus.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Refuses upstream URLs whose host resolves to a loopback, private, link-local or otherwise internal address, unless
 * private targets are allowed (tests, local development). Resolution runs off the event loop and is cached briefly.
 */
public final class SsrfGuard {

  private final Vertx vertx;
  private final boolean allowPrivate;
  private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(60)).build();

  public SsrfGuard(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  public Future<Void> check(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(FerryFailure.badRequest("upstream URL is not valid: " + e.getMessage()));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return Future.failedFuture(FerryFailure.badRequest("upstream URL must be http(s) with a host"));
    }
    if (allowPrivate) {
      return Future.succeededFuture();
    }
    String host = uri.getHost();
    Boolean known = verdicts.getIfPresent(host);
    Future<Boolean> internal = known != null ? Future.succeededFuture(known) : vertx.executeBlocking(() -> {
      boolean any = false;
      for (InetAddress a : InetAddress.getAllByName(host)) {
        any |= isInternal(a);
      }
      return any;
    }, false).andThen(ar -> {
      if (ar.succeeded()) {
        verdicts.put(host, ar.result());
      }
    });
    return internal.recover(e -> Future.failedFuture(new FerryFailure(io.ferry.engine.bus.ErrorCode.BAD_GATEWAY,
            "upstream host " + host + " does not resolve")))
        .compose(bad -> bad ? Future.failedFuture(FerryFailure.badRequest(
            "refusing to call " + host + ": it resolves to a loopback, private or link-local address")) : Future.succeededFuture());
  }

  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 100 && second >= 64 && second <= 127 // carrier-grade NAT 100.64/10
        || first == 0;
  }
}
