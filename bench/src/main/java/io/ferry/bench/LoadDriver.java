package io.ferry.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one target: closed-loop at maximum throughput over a fixed number of connections, or open-loop at a fixed
 * rate where latency counts from each request's intended send time (no coordinated omission). Bounded in time.
 */
final class LoadDriver {

  record Result(String target, String mode, double rps, long p50, long p99, long p999, long errors) {
    String row() {
      return String.format("| %-7s | %-14s | %9.0f | %7.3f | %7.3f | %7.3f | %6d |", target, mode, rps, p50 / 1000.0,
          p99 / 1000.0, p999 / 1000.0, errors);
    }
  }

  private final Vertx vertx;
  private final HttpClient client;

  LoadDriver(Vertx vertx, int connections) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  private Future<Integer> send(RequestOptions options) {
    return client.request(options).compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  static RequestOptions options(String url, String token) {
    URI u = URI.create(url);
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(u.getHost()).setPort(u.getPort())
        .setURI(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    if (token != null) {
      o.putHeader("Authorization", "Bearer " + token);
    }
    return o;
  }

  /** {@code connections} loops each sending the next request when the last answers, for {@code seconds} after a warm-up. */
  Result max(String target, String url, String token, int connections, int warmupSeconds, int seconds) {
    RequestOptions options = options(url, token);
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    Promise<Void> finished = Promise.promise();
    AtomicLong running = new AtomicLong(connections);
    for (int c = 0; c < connections; c++) {
      vertx.runOnContext(v -> loop(options, histogram, done, errors, warmEnd, end, running, finished));
    }
    finished.future().await();
    return new Result(target, "max (" + connections + " conn)", done.get() / (double) seconds,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), errors.get());
  }

  private void loop(RequestOptions options, Histogram histogram, AtomicLong done, AtomicLong errors, long warmEnd, long end,
                    AtomicLong running, Promise<Void> finished) {
    long start = System.nanoTime();
    if (start >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    send(options).onComplete(ar -> {
      long now = System.nanoTime();
      if (start >= warmEnd) {
        if (ar.succeeded() && ar.result() == 200) {
          synchronized (histogram) {
            histogram.recordValue(Math.max(1, (now - start) / 1000));
          }
          done.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
      }
      loop(options, histogram, done, errors, warmEnd, end, running, finished);
    });
  }

  /** Open loop at {@code rate} req/s; latency measured from the intended send time. */
  Result rate(String target, String url, String token, int rate, int warmupSeconds, int seconds) {
    RequestOptions options = options(url, token);
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long begin = System.nanoTime();
    long warmEnd = begin + warmupSeconds * 1_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    long interval = 1_000_000_000L / rate;
    AtomicLong next = new AtomicLong(begin);
    AtomicLong outstanding = new AtomicLong();
    Promise<Void> finished = Promise.promise();
    long timer = vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      while (next.get() <= now && next.get() < end) {
        long intended = next.getAndAdd(interval);
        outstanding.incrementAndGet();
        send(options).onComplete(ar -> {
          long t = System.nanoTime();
          if (intended >= warmEnd) {
            if (ar.succeeded() && ar.result() == 200) {
              synchronized (histogram) {
                histogram.recordValue(Math.max(1, (t - intended) / 1000));
              }
              done.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
          }
          if (outstanding.decrementAndGet() == 0 && next.get() >= end) {
            finished.tryComplete();
          }
        });
      }
      if (next.get() >= end && outstanding.get() == 0) {
        finished.tryComplete();
      }
    });
    finished.future().await();
    vertx.cancelTimer(timer);
    return new Result(target, "rate " + rate + "/s", done.get() / (double) seconds,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), errors.get());
  }
}
