package io.ferry.engine.proxy;

import io.ferry.engine.http.SsrfGuard;
import io.ferry.engine.http.UpstreamClient;
import io.ferry.engine.http.StreamPolicy;
import java.util.Map;

import io.ferry.engine.account.Account;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.ConfigInterpreterVerticle;
import io.ferry.engine.interpreter.InterpretResponse;
import io.ferry.engine.interpreter.MethodConfig;
import io.ferry.engine.interpreter.PlannedRequest;
import io.ferry.engine.interpreter.RawBody;
import io.ferry.engine.interpreter.RateLimitDecision;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Sends one method call upstream and keeps at it within bounds: token refreshed before use and once after a 401,
 * the account's rate-limit gate passed before each attempt, a limited response pausing the whole account before a
 * retry, and connection failures and 5xx retried with backoff for idempotent methods only.
 */
public final class ProxyPipeline {
  static final long DEFAULT_RATE_LIMIT_WAIT_MILLIS = 1_000;
  static final int MAX_RATE_LIMIT_RETRIES = 5;
  /** Retries with a newer token after 401s; still refused after that, the grant itself no longer works. */
  static final int MAX_TOKEN_RETRIES = 3;

  private final Vertx vertx;
  private final ConfigInterpreter interpreter;
  private final UpstreamClient client;
  private final SsrfGuard guard;
  private final AccountRateLimits limits;
  private final TokenRefresher tokens;
  private final Backoff backoff;
  private final long timeoutMillis;
  private final FerryMetrics metrics;
  private final UpstreamHosts hosts;

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
    this.hosts = new UpstreamHosts(vertx);
  }

  public ConfigInterpreter interpreter() {
    return interpreter;
  }

  /**
   * One call's progress. Its clock: rate-limit waits may take up to the caller's max wait (from the start), and the
   * upstream may take {@code timeoutMillis} in total over all attempts, body included; the time spent waiting at the
   * gate pushes the upstream deadline back by as much. No attempt starts past the deadline or once the caller is gone.
   */
  private final class Attempt {
    Account account;
    final MethodConfig mc;
    final CallInput in;
    final JsonObject pageState;
    final String binding;
    final long waitDeadline;
    final BooleanSupplier callerGone;
    final StreamPolicy policy;
    long upstreamDeadline;
    int failures;
    int limitedRetries;
    int tokenRetries;

    Attempt(Account account, MethodConfig mc, CallInput in, JsonObject pageState, String binding, long maxWaitMillis,
            BooleanSupplier callerGone, StreamPolicy policy) {
      this.account = account;
      this.mc = mc;
      this.in = in;
      this.pageState = pageState;
      this.binding = binding;
      long now = System.currentTimeMillis();
      this.waitDeadline = now + maxWaitMillis;
      this.upstreamDeadline = now + timeoutMillis;
      this.callerGone = callerGone;
      this.policy = policy;
    }

    /** A streamed caller body is read by the first attempt: nothing can be sent again. */
    boolean canResend() {
      return !(in.body() instanceof RawBody);
    }

    RawBody upload() {
      return in.body() instanceof RawBody raw ? raw : null;
    }

    long waitLeft() {
      return Math.max(0, waitDeadline - System.currentTimeMillis());
    }

    long upstreamLeft() {
      return upstreamDeadline - System.currentTimeMillis();
    }
  }

  public Future<CallOutcome> call(Account account, MethodConfig mc, CallInput in, String cursor, long maxWaitMillis) {
    return call(account, mc, in, cursor, maxWaitMillis, () -> false);
  }

  /** @param callerGone true once the caller has gone away: no further attempt starts */
  public Future<CallOutcome> call(Account account, MethodConfig mc, CallInput in, String cursor, long maxWaitMillis,
                                  BooleanSupplier callerGone) {
    return call(account, mc, in, cursor, maxWaitMillis, callerGone, StreamPolicy.NEVER);
  }

  /** @param policy which answers are handed back unread, to be streamed to the caller */
  public Future<CallOutcome> call(Account account, MethodConfig mc, CallInput in, String cursor, long maxWaitMillis,
                                  BooleanSupplier callerGone, StreamPolicy policy) {
    String binding = account.id() + "|" + mc.resource() + "|" + mc.method();
    JsonObject pageState;
    try {
      pageState = interpreter.pageState(mc, in, cursor, binding);
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    Attempt a = new Attempt(account, mc, in, pageState, binding, maxWaitMillis, callerGone, policy);
    return tokens.ensureFresh(account).compose(fresh -> {
      a.account = fresh;
      return send(a);
    });
  }

  private Future<CallOutcome> send(Attempt a) {
    if (a.callerGone.getAsBoolean()) {
      return Future.failedFuture(new FerryFailure(ErrorCode.GATEWAY_TIMEOUT, "the caller has gone away"));
    }
    if (a.upstreamLeft() <= 0) {
      return Future.failedFuture(new FerryFailure(ErrorCode.GATEWAY_TIMEOUT, "the upstream did not answer in time"));
    }
    PlannedRequest planned;
    try {
      planned = new PlannedRequest(a.mc, a.pageState, interpreter.buildRequest(a.mc, a.account.authenticationMethod(),
          a.account.context(), environmentVariables(a.account), a.in, a.pageState));
    } catch (FerryFailure f) {
      return Future.failedFuture(f);
    }
    long gateStarted = System.currentTimeMillis();
    return guard.resolve(planned.request().url())
        .compose(server -> limits.acquire(a.account.id(), a.waitLeft(), slowStart(a.mc)).map(permit -> Map.entry(server, permit)))
        .compose(pinned -> {
          var permit = pinned.getValue();
          a.upstreamDeadline += System.currentTimeMillis() - gateStarted; // waiting at the gate is not upstream time
          if (a.callerGone.getAsBoolean() || a.upstreamLeft() <= 0) {
            permit.release();
            return Future.failedFuture(new FerryFailure(ErrorCode.GATEWAY_TIMEOUT,
                a.callerGone.getAsBoolean() ? "the caller has gone away" : "the upstream did not answer in time"));
          }
          long started = System.nanoTime();
          long left = a.upstreamLeft();
          return hosts.send(planned.request().url(), () -> client.send(planned.request(), pinned.getKey(), left, a.upload(), a.policy)).andThen(ar -> {
            permit.release();
            metrics.upstreamLatency(a.account.integrationName(), System.nanoTime() - started);
          });
        })
        .transform(ar -> {
          if (ar.failed()) {
            limits.unanswered(a.account.id());
            return idempotent(a) && a.canResend() && UpstreamClient.isTransient(ar.cause()) && hosts.takeRetry(planned.request().url())
                ? retryLater(a, ar.cause()) : Future.failedFuture(ar.cause());
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
      if (wait > a.waitLeft() || ++a.limitedRetries > MAX_RATE_LIMIT_RETRIES || !a.canResend()) {
        return Future.failedFuture(new RateLimitedFailure(wait, null));
      }
      return send(a); // the gate holds this and every other call of the account until the pause is over
    }
    if (response.status() == 401 && TokenRefresher.isOAuth(a.account.authenticationMethod()) && a.tokenRetries < MAX_TOKEN_RETRIES) {
      // refresh only if the stored token is still the one this attempt used; else retry with the newer one (which
      // another node may have stored and the provider may already have expired too: a few rounds are allowed)
      Object used = TokenRefresher.accessToken(a.account);
      return tokens.refreshAfterRejection(a.account).compose(refreshed -> {
        a.account = refreshed;
        if (Objects.equals(used, TokenRefresher.accessToken(refreshed)) || !a.canResend()) {
          return Future.succeededFuture(new CallOutcome(refreshed, planned, response, decision, false));
        }
        a.tokenRetries++;
        return send(a);
      });
    }
    if (response.status() >= 500 && idempotent(a) && a.canResend() && a.failures + 1 < backoff.maxAttempts()
        && hosts.takeRetry(planned.request().url())) {
      return retryLater(a, null);
    }
    return Future.succeededFuture(new CallOutcome(a.account, planned, response, decision, a.tokenRetries > 0));
  }

  private Future<CallOutcome> retryLater(Attempt a, Throwable cause) {
    a.failures++;
    metrics.retry(a.account.integrationName(), cause == null ? "5xx" : "network");
    if (a.failures >= backoff.maxAttempts()) {
      return Future.failedFuture(cause != null ? cause : new FerryFailure(ErrorCode.BAD_GATEWAY, "upstream kept failing"));
    }
    long delay = Math.max(1, backoff.delay(a.failures));
    if (delay >= a.upstreamLeft()) {
      return Future.failedFuture(cause != null ? cause : new FerryFailure(ErrorCode.GATEWAY_TIMEOUT, "the upstream did not answer in time"));
    }
    return vertx.timer(delay).compose(v -> send(a));
  }

  /** Integrations that announce their quota in headers start each account slowly until the quota is known. */
  static boolean slowStart(MethodConfig mc) {
    return mc.rateLimit() != null && mc.rateLimit().getValue("rate_limit_header_expression") != null;
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
