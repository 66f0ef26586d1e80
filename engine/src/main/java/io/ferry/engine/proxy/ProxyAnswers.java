package io.ferry.engine.proxy;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.interpreter.MethodConfig;
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

  /** Characters of an unreadable upstream body quoted in the 502. */
  static final int EXCERPT_CHARS = 200;

  private ProxyAnswers() {
  }

  static ProxyResult success(CallOutcome o) {
    Map<String, String> headers = rateLimitHeaders(o.decision().rateLimit());
    if (o.decision().page() != null) {
      JsonArray records = o.decision().page().records();
      return new ProxyResult(200, headers, new JsonObject().put("result", records)
          .put("next_cursor", o.decision().page().nextCursor()).put("prev_cursor", o.decision().page().prevCursor())
          .put("result_count", records.size()), o.response().body(), o.response().raw());
    }
    Object record = o.decision().record();
    if (record instanceof String && o.response().raw() != null) {
      String type = o.response().header("content-type");
      headers.put("content-type", type == null ? "application/octet-stream" : type);
      return new ProxyResult(o.response().status(), headers, o.response().raw());
    }
    return new ProxyResult(o.response().status() == 204 ? 200 : o.response().status(), headers,
        record == null ? new JsonObject() : record, o.response().body(), o.response().raw());
  }

  /**
   * A successful-looking answer Ferry cannot read as what the method promises: a redirect where records or a record
   * were expected, a list answered with something that is not JSON, or a body that claims to be JSON and is not.
   * Answering {@code 200 {"result": []}} for these would silently lose data: 502 with an excerpt instead (null when
   * the answer is readable).
   */
  static ProxyResult unreadable(CallOutcome o, MethodConfig mc) {
    UpstreamResponse r = o.response();
    if (r.status() >= 400 || o.decision().error() != null) {
      return null;
    }
    boolean recordsExpected = mc.isList() || "get".equals(mc.method());
    String type = r.header("content-type");
    boolean claimsJson = type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    String why;
    if (r.status() >= 300 && recordsExpected) {
      why = "the upstream answered a redirect (" + r.status() + (r.header("location") == null ? "" : " to " + r.header("location"))
          + ") where " + (mc.isList() ? "records were" : "a record was") + " expected";
    } else if (r.body() instanceof String && (claimsJson || mc.isList())) {
      why = "the upstream's answer is not valid JSON";
    } else {
      return null;
    }
    String text = r.raw() == null ? "" : r.raw().toString(java.nio.charset.StandardCharsets.UTF_8);
    String excerpt = text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "..." : text;
    JsonObject body = new JsonObject().put("statusCode", 502).put("error", ErrorCode.BAD_GATEWAY.reason)
        .put("message", why).put("truto_is_remote_error", true).put("upstream_status", r.status()).put("excerpt", excerpt);
    return new ProxyResult(502, rateLimitHeaders(o.decision().rateLimit()), body);
  }

  /** The upstream's answer as it came: its status, its headers (less hop-by-hop ones) and its body, streamed. */
  static ProxyResult streamed(CallOutcome o) {
    UpstreamResponse r = o.response();
    Map<String, String> headers = forwarded(r);
    headers.putAll(rateLimitHeaders(o.decision().rateLimit()));
    String type = r.header("content-type");
    if (type != null) {
      headers.put("content-type", type);
    }
    // the client inflates compressed answers, so a length is only true of an uncompressed one
    if (r.header("content-length") != null && r.header("content-encoding") == null) {
      headers.put("content-length", r.header("content-length"));
    }
    return new ProxyResult(r.status(), headers, new StreamedBody(r.stream()));
  }

  private static Map<String, String> forwarded(UpstreamResponse r) {
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().forEach(e -> {
      String name = e.getKey();
      if (!NOT_FORWARDED.contains(name) && !name.startsWith("proxy-") && !name.equals("content-type")) {
        headers.put(name, String.valueOf(e.getValue()));
      }
    });
    return headers;
  }

  static ProxyResult remoteError(CallOutcome o) {
    UpstreamResponse r = o.response();
    StreamedBody.discard(r.stream()); // an error detected from the headers alone: the body is not read
    int status = r.status() >= 400 ? r.status() : ErrorCode.BAD_GATEWAY.status;
    Map<String, String> headers = forwarded(r);
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
