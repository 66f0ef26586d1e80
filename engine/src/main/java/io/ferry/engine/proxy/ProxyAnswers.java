package io.ferry.engine.proxy;

import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.interpreter.RateLimitDecision;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Shapes proxy answers: list envelopes, records, Truto remote-error bodies, and the normalised ratelimit-* headers. */
final class ProxyAnswers {
  /** Never forwarded: hop-by-hop headers, and framing Ferry sets itself. */
  static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
      "upgrade", "proxy-authenticate", "proxy-authorization", "proxy-connection", "content-length", "content-encoding",
      "host", "set-cookie");

  private ProxyAnswers() {
  }

  static ProxyResult success(CallOutcome o) {
    Map<String, String> headers = rateLimitHeaders(o.decision().rateLimit());
    if (o.decision().page() != null) {
      JsonArray records = o.decision().page().records();
      return new ProxyResult(200, headers, new JsonObject().put("result", records)
          .put("next_cursor", o.decision().page().nextCursor()).put("result_count", records.size()), o.response().body());
    }
    Object record = o.decision().record();
    if (record instanceof String && o.response().raw() != null) {
      String type = o.response().header("content-type");
      headers.put("content-type", type == null ? "application/octet-stream" : type);
      return new ProxyResult(o.response().status(), headers, o.response().raw());
    }
    return new ProxyResult(o.response().status() == 204 ? 200 : o.response().status(), headers,
        record == null ? new JsonObject() : record, o.response().body());
  }

  static ProxyResult remoteError(CallOutcome o) {
    UpstreamResponse r = o.response();
    int status = r.status() >= 400 ? r.status() : ErrorCode.BAD_GATEWAY.status;
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().forEach(e -> {
      String name = e.getKey();
      if (!NOT_FORWARDED.contains(name) && !name.startsWith("proxy-") && !name.equals("content-type")) {
        headers.put(name, String.valueOf(e.getValue()));
      }
    });
    headers.putAll(rateLimitHeaders(o.decision().rateLimit()));
    String message = o.decision().error() == null || o.decision().error().isEmpty()
        ? "the upstream answered " + r.status() : o.decision().error();
    JsonObject body = new JsonObject().put("statusCode", status).put("error", ErrorCode.reasonOf(status))
        .put("message", message).put("truto_is_remote_error", true).put("raw_response", r.body());
    return new ProxyResult(status, headers, body);
  }

  static ProxyResult rateLimited(RateLimitedFailure f, RateLimitDecision last) {
    Map<String, String> headers = rateLimitHeaders(last);
    long seconds = Math.max(1, (f.waitMillis() + 999) / 1000);
    headers.put("retry-after", Long.toString(seconds));
    headers.putIfAbsent("ratelimit-remaining", "0");
    headers.putIfAbsent("ratelimit-reset", Long.toString(seconds));
    JsonObject body = new JsonObject().put("statusCode", 429).put("error", ErrorCode.RATE_LIMITED.reason)
        .put("message", f.getMessage()).put("truto_is_remote_error", true);
    return new ProxyResult(429, headers, body);
  }

  /** {@code ratelimit-limit}, {@code ratelimit-remaining}, {@code ratelimit-reset} (seconds), when the upstream told. */
  static Map<String, String> rateLimitHeaders(RateLimitDecision d) {
    Map<String, String> h = new LinkedHashMap<>();
    if (d == null) {
      return h;
    }
    if (d.limit() != null) {
      h.put("ratelimit-limit", d.limit().toString());
    }
    if (d.remaining() != null) {
      h.put("ratelimit-remaining", d.remaining().toString());
    }
    Long reset = d.resetMillis() != null ? d.resetMillis() : d.limited() ? d.waitMillis() : null;
    if (reset != null) {
      h.put("ratelimit-reset", Long.toString((reset + 999) / 1000));
    }
    return h;
  }
}
