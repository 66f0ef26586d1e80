package io.ferry.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ferry's own meters, in the same Prometheus registry as Vert.x's HTTP metrics when metrics are enabled. Labels are
 * bounded: integration names, configured resource and method names, status codes; never account ids or raw paths.
 */
public final class FerryMetrics {

  private final PrometheusMeterRegistry registry;
  private final AtomicLong outboxDepth = new AtomicLong();

  private FerryMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("ferry_webhook_outbox_depth", outboxDepth, AtomicLong::get)
        .description("webhook events waiting for delivery").register(registry);
  }

  /** The Vert.x Prometheus registry when metrics are enabled, else a registry of Ferry's own meters. */
  public static FerryMetrics create() {
    return new FerryMetrics(BackendRegistries.getDefaultNow() instanceof PrometheusMeterRegistry p ? p
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void proxyCall(String integration, String resource, String method, int status) {
    Counter.builder("ferry_proxy_calls").description("proxy calls answered")
        .tags("integration", integration, "resource", resource, "method", method, "status", Integer.toString(status))
        .register(registry).increment();
  }

  public void upstreamLatency(String integration, long nanos) {
    Timer.builder("ferry_upstream_latency").description("time to the upstream's answer").tags("integration", integration)
        .publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofNanos(nanos));
  }

  public void retry(String integration, String reason) {
    Counter.builder("ferry_upstream_retries").tags("integration", integration, "reason", reason).register(registry).increment();
  }

  public void rateLimitPause(String integration, long millis) {
    DistributionSummary.builder("ferry_rate_limit_pause_ms").description("account pauses after a rate-limited response")
        .tags("integration", integration).baseUnit("milliseconds").register(registry).record(millis);
  }

  public void tokenRefresh(boolean ok) {
    Counter.builder("ferry_token_refreshes").tags("result", ok ? "ok" : "failed").register(registry).increment();
  }

  public void webhookInbound(boolean verified) {
    Counter.builder("ferry_webhooks_inbound").tags("result", verified ? "verified" : "rejected").register(registry).increment();
  }

  public void deliveryAttempt(boolean delivered) {
    Counter.builder("ferry_webhook_delivery_attempts").tags("result", delivered ? "delivered" : "failed").register(registry).increment();
  }

  public void outboxDepth(long depth) {
    outboxDepth.set(depth);
  }

  public double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
