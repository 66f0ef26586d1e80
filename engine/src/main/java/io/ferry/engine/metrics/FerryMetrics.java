package io.ferry.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ferry's own meters, in the same Prometheus registry as Vert.x's HTTP metrics when metrics are enabled. Labels are
 * bounded: integration names, configured resource and method names, status codes; never account ids or raw paths.
 */
public final class FerryMetrics {

  private final PrometheusMeterRegistry registry;
  private final AtomicLong outboxDepth = new AtomicLong();
  /** Meters by name and tags: looked up once, then a map hit on the hot path. */
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

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

  private Counter counter(String name, String description, String... tags) {
    return counters.computeIfAbsent(name + String.join("|", tags),
        k -> Counter.builder(name).description(description).tags(tags).register(registry));
  }

  public void proxyCall(String integration, String resource, String method, int status) {
    counter("ferry_proxy_calls", "proxy calls answered", "integration", integration, "resource", resource, "method", method,
        "status", Integer.toString(status)).increment();
  }

  public void upstreamLatency(String integration, long nanos) {
    timers.computeIfAbsent(integration, k -> Timer.builder("ferry_upstream_latency").description("time to the upstream's answer")
        .tags("integration", integration).register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public void retry(String integration, String reason) {
    counter("ferry_upstream_retries", "upstream calls retried", "integration", integration, "reason", reason).increment();
  }

  public void rateLimitPause(String integration, long millis) {
    DistributionSummary.builder("ferry_rate_limit_pause_ms").description("account pauses after a rate-limited response")
        .tags("integration", integration).baseUnit("milliseconds").register(registry).record(millis);
  }

  public void tokenRefresh(boolean ok) {
    counter("ferry_token_refreshes", "OAuth token refreshes", "result", ok ? "ok" : "failed").increment();
  }

  public void webhookInbound(boolean verified) {
    counter("ferry_webhooks_inbound", "inbound third-party webhooks", "result", verified ? "verified" : "rejected").increment();
  }

  /** verified, rejected, duplicate, transform_failed, commit_failed. */
  public void webhookInbound(String result) {
    counter("ferry_webhooks_inbound", "inbound third-party webhooks", "result", result).increment();
  }

  public void deliveryAttempt(boolean delivered) {
    counter("ferry_webhook_delivery_attempts", "outbound webhook delivery attempts", "result", delivered ? "delivered" : "failed").increment();
  }

  public void outboxDepth(long depth) {
    outboxDepth.set(depth);
  }

  /** A counter's current value (tests, diagnostics). */
  public double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
