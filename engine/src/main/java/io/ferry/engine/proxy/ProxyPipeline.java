package io.ferry.engine.proxy;

import java.util.Map;

import io.ferry.engine.account.Account;
import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.ConfigInterpreterVerticle;
import io.ferry.engine.interpreter.InterpretResponse;
import io.ferry.engine.interpreter.MethodConfig;
import io.ferry.engine.interpreter.PlannedRequest;
import io.ferry.engine.interpreter.RateLimitDecision;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Sends one method call upstream and keeps at it within bounds: token refreshed before use and once after a 401,
 * the account's rate-limit gate passed before each attempt, a limited response pausing the whole account before a
 * retry, and connection failures and 5xx retried with backoff for idempotent methods only.
 */
public final class ProxyPipeline {
  static final long DEFAULT_RATE_LIMIT_WAIT_MILLIS = 1_000;
  static final int MAX_RATE_LIMIT_RETRIES = 5;

  private final Vertx vertx;
  private final ConfigInterpreter interpreter;
  private final UpstreamClient client;
  private final SsrfGuard guard;
  private final AccountRateLimits limits;
  private final TokenRefresher tokens;
  private final Backoff backoff;
  private final long timeoutMillis;
  private final FerryMetrics metrics;

  public ProxyPipeline(Vertx vertx, ConfigInterpreter interpreter, UpstreamClient client, SsrfGuard guard,
                       AccountRateLimits limits, TokenRefresher tokens, Backoff backoff, long timeoutMillis, FerryMetrics metrics) {
    this.vertx = vertx;
    this.interpreter = interpreter;
    this.client = client;
    this.guard = guard;
    this.limits = limits;
    this.tokens = tokens;
    this.backoff = backoff;
    this.timeoutMillis = timeoutMillis;
    this.metrics = metrics;
  }

  public ConfigInterpreter interpreter() {
    return interpreter;
  }

  private final class Attempt {
    Account account;
    final MethodConfig mc;
    final CallInput in;
    final JsonObject pageState;
    final String binding;
    final long deadline;
    int failures;
    int limitedRetries;
    boolean refreshedAfter401;

    Attempt(Account account, MethodConfig mc, CallInput in, JsonObject pageState, String binding, long maxWaitMillis) {
      this.account = account;
      this.mc = mc;
      this.in = in;
      this.pageState = pageState;
      this.binding = binding;
      this.deadline = System.currentTimeMillis() + maxWaitMillis;
    }

    long waitLeft() {
      return Math.max(0, deadline - System.currentTimeMillis());
    }
  }

  public Future<CallOutcome> call(Account account, MethodConfig mc, CallInput in, String cursor, long maxWaitMillis) {
    String binding = account.id() + "|" + mc.resource() + "|" + mc.method();
    JsonObject pageState;
    try {
      pageState = interpreter.pageState(mc, in, cursor, binding);
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    Attempt a = new Attempt(account, mc, in, pageState, binding, maxWaitMillis);
    return tokens.ensureFresh(account).compose(fresh -> {
      a.account = fresh;
      return send(a);
    });
  }

  private Future<CallOutcome> send(Attempt a) {
    PlannedRequest planned;
    try {
      planned = new PlannedRequest(a.mc, a.pageState, interpreter.buildRequest(a.mc, a.account.authenticationMethod(),
          a.account.context(), environmentVariables(a.account), a.in, a.pageState));
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    return guard.resolve(planned.request().url())
        .compose(server -> limits.acquire(a.account.id(), a.waitLeft()).map(permit -> Map.entry(server, permit)))
        .compose(pinned -> {
          var permit = pinned.getValue();
          long started = System.nanoTime();
          return client.send(planned.request(), pinned.getKey(), timeoutMillis).andThen(ar -> {
            permit.release();
            metrics.upstreamLatency(a.account.integrationName(), System.nanoTime() - started);
          });
        })
        .transform(ar -> {
          if (ar.failed()) {
            return idempotent(a) && UpstreamClient.isTransient(ar.cause()) ? retryLater(a, ar.cause()) : Future.failedFuture(ar.cause());
          }
          return handle(a, planned, ar.result());
        });
  }

  private Future<CallOutcome> handle(Attempt a, PlannedRequest planned, UpstreamResponse response) {
    var decision = ConfigInterpreterVerticle.decide(interpreter, new InterpretResponse(planned, a.in.limit(), a.binding, response),
        System.currentTimeMillis());
    RateLimitDecision rl = decision.rateLimit();
    limits.observe(a.account.id(), rl.remaining(), rl.limit(), rl.resetMillis());
    if (rl.limited()) {
      long wait = rl.waitMillis() == null ? DEFAULT_RATE_LIMIT_WAIT_MILLIS : rl.waitMillis();
      limits.pause(a.account.id(), wait);
      metrics.rateLimitPause(a.account.integrationName(), wait);
      if (wait > a.waitLeft() || ++a.limitedRetries > MAX_RATE_LIMIT_RETRIES) {
        return Future.failedFuture(new RateLimitedFailure(wait, null));
      }
      return send(a); // the gate holds this and every other call of the account until the pause is over
    }
    if (response.status() == 401 && TokenRefresher.isOAuth(a.account.authenticationMethod()) && !a.refreshedAfter401) {
      a.refreshedAfter401 = true;
      Object before = Json.at(a.account.context(), "oauth.token.access_token");
      return tokens.refresh(a.account).compose(refreshed -> {
        boolean changed = !java.util.Objects.equals(before, Json.at(refreshed.context(), "oauth.token.access_token"));
        a.account = refreshed;
        return changed ? send(a) : Future.succeededFuture(new CallOutcome(refreshed, planned, response, decision));
      });
    }
    if (response.status() >= 500 && idempotent(a) && a.failures + 1 < backoff.maxAttempts()) {
      return retryLater(a, null);
    }
    return Future.succeededFuture(new CallOutcome(a.account, planned, response, decision));
  }

  private Future<CallOutcome> retryLater(Attempt a, Throwable cause) {
    a.failures++;
    metrics.retry(a.account.integrationName(), cause == null ? "5xx" : "network");
    if (a.failures >= backoff.maxAttempts()) {
      return Future.failedFuture(cause != null ? cause : new FerryFailure(ErrorCode.BAD_GATEWAY, "upstream kept failing"));
    }
    return vertx.timer(Math.max(1, backoff.delay(a.failures))).compose(v -> send(a));
  }

  private static boolean idempotent(Attempt a) {
    return switch (a.mc.httpMethod()) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
  }

  static JsonObject environmentVariables(Account account) {
    return account.effectiveConfig().getValue("environment_variables") instanceof JsonObject o ? o : new JsonObject();
  }
}
