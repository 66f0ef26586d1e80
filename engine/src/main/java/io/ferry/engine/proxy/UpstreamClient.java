package io.ferry.engine.proxy;

import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.interpreter.UpstreamRequest;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client to third-party APIs: a pool sized for many hosts, keep-alive, explicit connect/idle/total
 * timeouts, no automatic redirects (a redirect could lead past the SSRF guard). Timeouts become 504, other network
 * failures 502 ({@link #isTransient} tells the retry loop which failures may be retried).
 */
public final class UpstreamClient {
  // the core client, not WebClient: its per-request interceptor chain cost a tenth of a proxy call's CPU
  private final HttpClient client;

  public UpstreamClient(Vertx vertx) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout(5_000)
        .setIdleTimeout(60)
        .setDecompressionSupported(true);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(4096));
  }

  public Future<UpstreamResponse> send(UpstreamRequest request, long timeoutMillis) {
    return send(request, null, timeoutMillis);
  }

  /** Sends to {@code server} (the address {@link SsrfGuard#resolve} checked; Host and SNI stay the URL's host). */
  public Future<UpstreamResponse> send(UpstreamRequest request, io.vertx.core.net.SocketAddress server, long timeoutMillis) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
        .setAbsoluteURI(request.url()).setFollowRedirects(false).setTimeout(timeoutMillis);
    if (server != null) {
      options.setServer(server);
    }
    request.headers().forEach(h -> options.addHeader(h.getKey(), h.getValue()));
    return client.request(options)
        .compose(req -> request.body() == null ? req.send() : req.send(request.body()))
        .compose(resp -> resp.body().map(body -> {
          JsonObject headers = new JsonObject();
          resp.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String existing = headers.getString(name);
            headers.put(name, existing == null ? h.getValue() : existing + ", " + h.getValue());
          });
          return UpstreamResponse.of(resp.statusCode(), headers, body);
        }))
        .recover(e -> Future.failedFuture(translate(e)));
  }

  private static Throwable translate(Throwable e) {
    if (e instanceof FerryFailure) {
      return e;
    }
    boolean timeout = e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")
        || (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timeout"));
    return timeout ? new FerryFailure(ErrorCode.GATEWAY_TIMEOUT, "the upstream did not answer in time")
        : new FerryFailure(ErrorCode.BAD_GATEWAY, "the upstream could not be reached: " + e.getClass().getSimpleName());
  }

  /**
   * Connection failures (and 5xx answers, judged by the caller) may be retried for idempotent methods; a timeout is
   * not retried, so a caller's wait stays bounded by one timeout.
   */
  public static boolean isTransient(Throwable e) {
    return e instanceof FerryFailure f && f.code() == ErrorCode.BAD_GATEWAY;
  }
}
