package io.ferry.engine.interpreter;

import io.ferry.engine.interpreter.pagination.PageParams;
import io.ferry.engine.interpreter.pagination.Pagination;
import io.ferry.engine.interpreter.pagination.Paginations;
import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * The config interpreter, callable in-process (from any verticle's event loop) or through
 * {@link ConfigInterpreterVerticle}: config + account context + call → exact upstream request; upstream response →
 * records, next cursor, rate-limit and error decisions.
 */
public final class ConfigInterpreter {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigInterpreter.class);

  private final Jsonata jsonata;
  private final MethodResolver methods = new MethodResolver();
  private final RequestBuilder requests;
  private final RateLimitRules rateLimits;
  private final ErrorRules errors;
  private final CursorCodec cursors;

  public ConfigInterpreter(Jsonata jsonata, CursorCodec cursors) {
    this.jsonata = jsonata;
    this.requests = new RequestBuilder(jsonata);
    this.rateLimits = new RateLimitRules(jsonata);
    this.errors = new ErrorRules(jsonata);
    this.cursors = cursors;
  }

  public MethodConfig method(String versionKey, JsonObject effectiveConfig, String resource, String method) {
    return methods.resolve(versionKey, effectiveConfig, resource, method);
  }

  /** Pagination state for this call: from the caller's cursor, or the first page. Null when the method does not page. */
  public JsonObject pageState(MethodConfig mc, CallInput in, String cursor, String binding) {
    Pagination p = mc.isList() ? Paginations.of(mc.pagination(), jsonata) : null;
    if (p == null) {
      return null;
    }
    if (cursor != null && !cursor.isEmpty()) {
      return cursors.decode(binding, cursor);
    }
    return p.initial(in.limit()).put("n", 0);
  }

  public UpstreamRequest buildRequest(MethodConfig mc, String authenticationMethod, JsonObject context,
                                      JsonObject environmentVariables, CallInput in, JsonObject pageState) {
    Pagination p = pageState == null ? null : Paginations.of(mc.pagination(), jsonata);
    PageParams page = p == null ? PageParams.none() : p.params(pageState, in.limit());
    return requests.build(mc, authenticationMethod, context, environmentVariables, in, page);
  }

  /** Records at {@code response_path}, normalised to an array, and the sealed cursor of the next page. */
  public ListPage readList(MethodConfig mc, UpstreamResponse response, JsonObject pageState, Integer limit,
                           String binding, String requestUrl) {
    JsonArray records = records(mc, response);
    if (pageState == null) {
      return new ListPage(records, null);
    }
    Pagination p = Paginations.of(mc.pagination(), jsonata);
    int fetched = pageState.getInteger("n", 0) + 1;
    String prev = sealed(mc, p.previous(pageState, response, limit), binding, requestUrl, Math.max(0, fetched - 2));
    JsonObject next = p.next(pageState, response, records.size(), limit);
    if (next == null || fetched >= mc.maxPages()) {
      return new ListPage(records, null, prev);
    }
    return new ListPage(records, sealed(mc, next, binding, requestUrl, fetched), prev);
  }

  /** A page state sealed into a cursor; a page link to another host is never followed (null). */
  private String sealed(MethodConfig mc, JsonObject state, String binding, String requestUrl, int n) {
    if (state == null) {
      return null;
    }
    if (state.getString("url") != null) {
      String url = sameOrigin(requestUrl, state.getString("url"));
      if (url == null) {
        LOG.warn("Not following a pagination link of {}.{} to another host", mc.resource(), mc.method());
        return null;
      }
      state.put("url", url);
    }
    return cursors.encode(binding, state.put("n", n));
  }

  public Object record(MethodConfig mc, UpstreamResponse response) {
    return mc.responsePath() == null ? response.body() : Json.at(response.body(), mc.responsePath());
  }

  public RateLimitDecision rateLimit(MethodConfig mc, ResponseScope scope, long nowMillis) {
    return rateLimits.decide(mc.rateLimit(), scope, nowMillis);
  }

  /** Null when the response is fine; else the error message from {@code error_expression} or the status. */
  public String error(MethodConfig mc, ResponseScope scope) {
    UpstreamResponse response = scope.response();
    String byExpression = errors.error(mc.errorExpression(), scope);
    if (byExpression != null) {
      return byExpression;
    }
    return response.status() >= 400 ? "" : null;
  }

  public Jsonata jsonata() {
    return jsonata;
  }

  private static JsonArray records(MethodConfig mc, UpstreamResponse response) {
    Object at = mc.responsePath() == null ? response.body() : Json.at(response.body(), mc.responsePath());
    if (at instanceof JsonArray a) {
      return a;
    }
    return at == null ? new JsonArray() : new JsonArray().add(at);
  }

  /** The absolute next URL when it is on the request's origin (relative links resolved); otherwise null. */
  static String sameOrigin(String requestUrl, String next) {
    try {
      URI base = URI.create(requestUrl);
      URI resolved = base.resolve(next);
      boolean same = resolved.getScheme() != null && resolved.getScheme().equalsIgnoreCase(base.getScheme())
          && resolved.getHost() != null && resolved.getHost().equalsIgnoreCase(base.getHost())
          && port(resolved) == port(base);
      return same ? resolved.toString() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
