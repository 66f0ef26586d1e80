package io.ferry.engine.http;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.http.AddressPolicy;
import io.ferry.engine.http.Authority;
import io.ferry.engine.http.HostLiteral;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The one gate for every outbound call (proxy, token endpoints, lifecycle actions, webhook deliveries): resolves the
 * URL's host once, refuses it when any address is not public unicast ({@link AddressPolicy}), and answers the checked
 * address for the client to connect to ({@code RequestOptions#setServer}), so a second resolution (DNS rebinding)
 * never happens; the Host header and TLS SNI stay the URL's host. Private targets pass when allowed (tests, local
 * development). Resolutions run off the event loop and are kept 30 s; connecting to a kept answer is still safe.
 */
public final class SsrfGuard {

  private final Vertx vertx;
  private final boolean allowPrivate;
  private final Cache<String, InetAddress[]> resolved = Caches.builder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();

  public SsrfGuard(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** Checks the URL; prefer {@link #resolve}, which also says where to connect. */
  public Future<Void> check(String url) {
    return resolve(url).mapEmpty();
  }

  /** The checked socket address to connect to for {@code url}, or a 400 (refused) / 502 (does not resolve). */
  public Future<SocketAddress> resolve(String url) {
    Authority authority = Authority.of(url);
    if (authority == null) {
      return Future.failedFuture(FerryFailure.badRequest("upstream URL must be an absolute http(s) URL with a host"));
    }
    String host = authority.host();
    InetAddress literal = HostLiteral.address(host);
    if (literal != null) {
      return judge(host, new InetAddress[] {literal}, authority.port());
    }
    String name = HostLiteral.name(host);
    if (!allowPrivate && (name.equals("localhost") || name.endsWith(".localhost"))) {
      return refused(host, "loopback");
    }
    InetAddress[] known = resolved.getIfPresent(name);
    Future<InetAddress[]> addresses = known != null ? Future.succeededFuture(known)
        : vertx.executeBlocking(() -> InetAddress.getAllByName(name), false).andThen(ar -> {
          if (ar.succeeded()) {
            resolved.put(name, ar.result());
          }
        });
    return addresses.recover(e -> Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY,
        "upstream host " + host + " does not resolve"))).compose(all -> judge(host, all, authority.port()));
  }

  private Future<SocketAddress> judge(String host, InetAddress[] all, int port) {
    if (all.length == 0) {
      return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, "upstream host " + host + " does not resolve"));
    }
    if (!allowPrivate) {
      for (InetAddress a : all) {
        String why = AddressPolicy.refusal(a);
        if (why != null) {
          return refused(host, why);
        }
      }
    }
    return Future.succeededFuture(SocketAddress.inetSocketAddress(new InetSocketAddress(all[0], port)));
  }

  private static Future<SocketAddress> refused(String host, String why) {
    return Future.failedFuture(FerryFailure.badRequest("refusing to call " + host
        + ": it is or resolves to a non-public address (" + why + "; loopback, private, link-local and the like are refused)"));
  }
}
