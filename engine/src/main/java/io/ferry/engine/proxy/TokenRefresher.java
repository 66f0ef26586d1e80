package io.ferry.engine.proxy;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.account.CredentialRules;
import io.ferry.engine.account.OAuthTokens;
import io.ferry.engine.bus.ErrorCode;
import io.ferry.engine.bus.FerryFailure;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps OAuth tokens fresh: refreshes before use when the token expires within the skew, on demand (after an
 * upstream 401, or forced), and fetches client-credentials tokens. Single-flight per account: concurrent callers
 * share one refresh. New tokens are persisted before anyone uses them; a refresh the provider rejects
 * ({@code invalid_grant}, 400/401) marks the account {@code needs_reauth}; transient failures retry with backoff and
 * leave the status alone. Owned by one event loop.
 */
public final class TokenRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
  static final long DEFAULT_LIFETIME_SECONDS = 3600;

  private final Vertx vertx;
  private final TokenEndpoint endpoint;
  private final Function<Account, Future<Account>> persist;
  private final Function<Account, Future<Account>> markNeedsReauth;
  private final long skewMillis;
  private final Backoff backoff;
  private final Map<String, Future<Account>> inFlight = new HashMap<>();
  private final FerryMetrics metrics;

  public TokenRefresher(Vertx vertx, TokenEndpoint endpoint, Function<Account, Future<Account>> persist,
                        Function<Account, Future<Account>> markNeedsReauth, Duration skew, Backoff backoff, FerryMetrics metrics) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.persist = persist;
    this.markNeedsReauth = markNeedsReauth;
    this.skewMillis = skew.toMillis();
    this.backoff = backoff;
    this.metrics = metrics;
  }

  /** The account with a usable token: refreshed or fetched first when needed. */
  public Future<Account> ensureFresh(Account account) {
    String method = account.authenticationMethod();
    JsonObject context = account.context();
    if (fetchesOwnTokens(method)) {
      Long at = OAuthTokens.expiresAt(context);
      boolean missing = Json.at(context, "oauth.token.access_token") == null;
      return missing || at != null && at - skewMillis <= System.currentTimeMillis() ? refresh(account) : Future.succeededFuture(account);
    }
    if (!isOAuth(method)) {
      return Future.succeededFuture(account);
    }
    Long at = OAuthTokens.expiresAt(context);
    boolean expiring = at != null && at - skewMillis <= System.currentTimeMillis();
    return expiring && Json.at(context, "oauth.token.refresh_token") != null ? refresh(account) : Future.succeededFuture(account);
  }

  /** Refreshes now (or joins the refresh already running for this account). */
  public Future<Account> refresh(Account account) {
    Future<Account> running = inFlight.get(account.id());
    if (running != null) {
      return running;
    }
    Promise<Account> promise = Promise.promise();
    inFlight.put(account.id(), promise.future());
    attempt(account, 1).onComplete(ar -> {
      inFlight.remove(account.id());
      metrics.tokenRefresh(ar.succeeded());
      promise.handle(ar);
    });
    return promise.future();
  }

  /**
   * Methods whose tokens Ferry fetches itself with the client's credentials (and {@code tokenParams}) instead of
   * refreshing: OAuth client credentials, and Keka's {@code kekaapi} grant, which issues no refresh token.
   */
  static boolean fetchesOwnTokens(String method) {
    return "oauth2_client_credentials".equals(method) || "keka_oauth".equals(method);
  }

  public static boolean isOAuth(String method) {
    return "oauth2".equals(method) || "keka_oauth".equals(method) || "oauth2_client_credentials".equals(method);
  }

  private Future<Account> attempt(Account account, int attempt) {
    JsonObject credential = credential(account);
    boolean clientCredentials = fetchesOwnTokens(account.authenticationMethod());
    if (!clientCredentials && Json.at(account.context(), "oauth.token.refresh_token") == null) {
      return reject(account, "no refresh token is stored for this account");
    }
    return endpoint.request(account, credential, clientCredentials).transform(ar -> {
      if (ar.failed()) {
        return retryOrFail(account, attempt, ar.cause());
      }
      UpstreamResponse r = ar.result();
      JsonObject body = TokenEndpoint.parse(r);
      String error = body.getString("error");
      if (r.status() >= 500) {
        return retryOrFail(account, attempt, new FerryFailure(ErrorCode.BAD_GATEWAY, "token endpoint answered " + r.status()));
      }
      if (r.status() == 400 || r.status() == 401 || "invalid_grant".equals(error) || r.status() >= 300 || error != null) {
        return reject(account, "token refresh rejected: " + (error != null ? error : "HTTP " + r.status()));
      }
      if (!(body.getValue("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
        return reject(account, "token endpoint answered without an access_token");
      }
      return persist.apply(withToken(account, body, credential));
    });
  }

  private Future<Account> retryOrFail(Account account, int attempt, Throwable cause) {
    if (attempt >= backoff.maxAttempts()) {
      LOG.warn("Token refresh for account {} failed after {} attempts: {}", account.id(), attempt, cause.getMessage());
      return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, "could not refresh the account's token: the token endpoint is unavailable"));
    }
    return vertx.timer(Math.max(1, backoff.delay(attempt))).compose(v -> attempt(account, attempt + 1));
  }

  private Future<Account> reject(Account account, String reason) {
    LOG.info("Account {} needs reauthorization: {}", account.id(), reason);
    return markNeedsReauth.apply(account.withStatus("needs_reauth", reason, account.lastActionResult()))
        .compose(a -> Future.failedFuture(new FerryFailure(ErrorCode.UNAUTHORIZED,
            "the integrated account needs reauthorization: " + reason, null,
            new JsonObject().put("truto_is_remote_error", true))));
  }

  private static JsonObject credential(Account account) {
    CredentialRules rules = CredentialRules.of(account.effectiveConfig());
    JsonObject c = rules.credential(account.authenticationMethod());
    if (c == null) {
      c = rules.credential("oauth2");
    }
    return c == null || !(c.getValue("config") instanceof JsonObject cfg) ? new JsonObject() : cfg;
  }

  /** The account with the new token merged in; the old refresh token is kept when none came back. */
  static Account withToken(Account account, JsonObject body, JsonObject credential) {
    JsonObject context = account.context();
    JsonObject oauth = context.getValue("oauth") instanceof JsonObject o ? o : new JsonObject();
    JsonObject token = oauth.getValue("token") instanceof JsonObject t ? t.copy() : new JsonObject();
    body.forEach(e -> {
      if (e.getValue() != null) {
        token.put(e.getKey(), e.getValue());
      }
    });
    if (!body.containsKey("expires_in")) {
      Object configured = credential.getValue("tokenExpiryDuration");
      token.put("expires_in", configured == null ? DEFAULT_LIFETIME_SECONDS : Long.parseLong(configured.toString()));
    }
    oauth.put("token", token);
    context.put("oauth", oauth);
    OAuthTokens.stampExpiry(context, System.currentTimeMillis());
    ContextSecrets.Split split = ContextSecrets.split(context, CredentialRules.of(account.effectiveConfig()).passwordFields());
    return account.withContext(split.publicPart(), split.secretPart());
  }
}
