package io.ferry.engine.http;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.RawBody;
import io.ferry.engine.interpreter.UpstreamRequest;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client to third-party APIs: a pool sized for many hosts, keep-alive, explicit connect/idle/total
 * timeouts, no automatic redirects (a redirect could lead past the SSRF guard). Timeouts become 504, other network
 * failures 502 ({@link #isTransient} tells the retry loop which failures may be retried).
 */
public final class UpstreamClient {
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  // the core client, not WebClient: its per-request interceptor chain cost a tenth of a proxy call's CPU.
  // One client (one connection pool) per event loop: a shared pool hands a call a connection that lives on another
  // event loop, and every exchange then crosses threads twice (the worker model serves a call on one loop).
  private final Map<io.netty.channel.EventLoop, HttpClient> clients = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final long maxBodyBytes;

  public UpstreamClient(Vertx vertx, long maxBodyBytes) {
    this.vertx = vertx;
    this.maxBodyBytes = maxBodyBytes;
  }

  private HttpClient client() {
    io.netty.channel.EventLoop loop = ((io.vertx.core.internal.ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
    return clients.computeIfAbsent(loop, l -> vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        .setIdleTimeout(60)
        .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(4096)));
  }

  /**
   * Sends and reads the whole answer within {@code timeoutMillis} (connect, headers and body: a body dripping past
   * the deadline is cut off, the request reset, and the call fails with 504). A body larger than the cap (as
   * announced, or as read after decompression) resets the request and fails with 502 naming the limit.
   */
  public Future<UpstreamResponse> send(UpstreamRequest request, long timeoutMillis) {
    return send(request, null, timeoutMillis);
  }

  /** Sends to {@code server} (the address {@link SsrfGuard#resolve} checked; Host and SNI stay the URL's host). */
  public Future<UpstreamResponse> send(UpstreamRequest request, io.vertx.core.net.SocketAddress server, long timeoutMillis) {
    return send(request, server, timeoutMillis, null, StreamPolicy.NEVER);
  }

  /**
   * As above, with the caller's body streamed upstream as it comes ({@code upload}, may be null) and the answers
   * {@code policy} picks handed back unread ({@link UpstreamResponse#stream()}, paused): the total deadline then ends
   * with the headers, and the body is bounded by silence instead (no byte for {@code timeoutMillis} resets it), so a
   * large download is not cut off half way.
   */
  public Future<UpstreamResponse> send(UpstreamRequest request, io.vertx.core.net.SocketAddress server, long timeoutMillis,
                                       RawBody upload, StreamPolicy policy) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
        .setAbsoluteURI(request.url()).setFollowRedirects(false)
        .setConnectTimeout(Math.min(CONNECT_TIMEOUT_MILLIS, timeoutMillis)); // the deadline timer below bounds the rest
    if (server != null) {
      options.setServer(server);
    }
    request.headers().forEach(h -> options.addHeader(h.getKey(), h.getValue()));
    Promise<UpstreamResponse> answer = Promise.promise();
    HttpClientRequest[] sent = {null};
    long timer = vertx.setTimer(Math.max(1, timeoutMillis), id -> {
      if (answer.tryFail(new FerryFailure(ErrorCode.GATEWAY_TIMEOUT, "the upstream did not answer in time")) && sent[0] != null) {
        sent[0].reset();
      }
    });
    client().request(options).compose(req -> {
      sent[0] = req;
      return upload != null ? req.send(upload.stream()) : request.body() == null ? req.send() : req.send(request.body());
    }).onComplete(ar -> {
      if (ar.failed()) {
        answer.tryFail(translate(ar.cause()));
        return;
      }
      HttpClientResponse resp = ar.result();
      if (policy.streams(resp.statusCode(), resp.getHeader("content-type"))) {
        resp.pause(); // whoever sends it on resumes it
        sent[0].idleTimeout(Math.max(1, timeoutMillis));
        answer.tryComplete(UpstreamResponse.streamed(resp.statusCode(), headers(resp), resp));
        return;
      }
      read(resp, answer);
    });
    return answer.future().andThen(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed() && sent[0] != null) {
        sent[0].reset(); // no-op once the exchange is complete
      }
    });
  }

  private void read(HttpClientResponse resp, Promise<UpstreamResponse> answer) {
    String length = resp.getHeader("content-length");
    if (length != null && parseLong(length) > maxBodyBytes) { // announced size: compressed or not, the cap holds
      answer.tryFail(tooLarge());
      return;
    }
    Buffer body = Buffer.buffer(length == null ? 1024 : (int) Math.min(parseLong(length), 1 << 20));
    resp.handler(chunk -> {
      if (body.length() + chunk.length() > maxBodyBytes) {
        answer.tryFail(tooLarge());
      } else if (!answer.future().isComplete()) {
        body.appendBuffer(chunk);
      }
    });
    resp.exceptionHandler(e -> answer.tryFail(translate(e)));
    resp.endHandler(v -> answer.tryComplete(UpstreamResponse.of(resp.statusCode(), headers(resp), body)));
  }

  private static JsonObject headers(HttpClientResponse resp) {
    JsonObject headers = new JsonObject();
    resp.headers().forEach(h -> {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String existing = headers.getString(name);
      headers.put(name, existing == null ? h.getValue() : existing + ", " + h.getValue());
    });
    return headers;
  }

  private FerryFailure tooLarge() {
    return new FerryFailure(ErrorCode.BAD_GATEWAY, "the upstream's answer is larger than FERRY_PROXY_MAX_BODY_BYTES ("
        + maxBodyBytes + " bytes)", null, new JsonObject().put("truto_is_remote_error", true));
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
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
