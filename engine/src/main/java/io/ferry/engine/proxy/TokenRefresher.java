package io.ferry.engine.proxy;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.account.CredentialRules;
import io.ferry.engine.account.OAuthTokens;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.ferry.engine.metrics.FerryMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ferry.engine.account.AccountWrites;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Keeps OAuth tokens fresh: refreshes before use when the token expires within the skew, after an upstream 401, or
 * when forced, and fetches client-credentials tokens. Node-wide and thread-safe: one refresh per account at a time
 * (single-flight; joiners resume on their own event loop), and a refresh is decided on the newest stored account
 * under {@link AccountWrites#lockedChange} (a row lock on PostgreSQL, so one refresh across nodes): it happens only
 * if the stored token is still the one that failed (or is still expiring); the new access token and the rotated
 * refresh token are written in one versioned write. Only an {@code invalid_grant}-class answer marks the account
 * {@code needs_reauth}; 429, 5xx and network failures are {@link TokenUnavailable} and leave it {@code active}.
 */
public final class TokenRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
  static final long DEFAULT_LIFETIME_SECONDS = 3600;
  /** Token endpoint answers meaning the grant itself is refused: the user must reconnect. */
  static final Set<String> REAUTH_ERRORS = Set.of("invalid_grant", "invalid_client", "unauthorized_client", "access_denied");
  /** Token endpoint error codes that are the provider's trouble, not the account's. */
  static final Set<String> TRANSIENT_ERRORS = Set.of("temporarily_unavailable", "server_error", "slow_down");

  private final Vertx vertx;
  private final TokenEndpoint endpoint;
  private final AccountWrites writes;
  private final Consumer<Account> written;
  private final long skewMillis;
  private final Backoff backoff;
  private final Map<String, Future<Account>> inFlight = new ConcurrentHashMap<>();
  private final FerryMetrics metrics;

  /** @param written told of every account state a refresh wrote or read (the node's cache keeps the newest) */
  public TokenRefresher(Vertx vertx, TokenEndpoint endpoint, AccountWrites writes, Consumer<Account> written,
                        Duration skew, Backoff backoff, FerryMetrics metrics) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.writes = writes;
    this.written = written;
    this.skewMillis = skew.toMillis();
    this.backoff = backoff;
    this.metrics = metrics;
  }

  /** The account with a usable token: refreshed or fetched first when needed. */
  public Future<Account> ensureFresh(Account account) {
    return needsToken(account) ? flight(account.id(), this::needsToken, 0) : Future.succeededFuture(account);
  }

  private boolean needsToken(Account account) {
    String method = account.authenticationMethod();
    JsonObject context = account.context();
    Long at = OAuthTokens.expiresAt(context);
    boolean expiring = at != null && at - skewMillis <= System.currentTimeMillis();
    if (fetchesOwnTokens(method)) {
      return expiring || Json.at(context, "oauth.token.access_token") == null;
    }
    return isOAuth(method) && expiring && Json.at(context, "oauth.token.refresh_token") != null;
  }

  /**
   * After the upstream refused {@code used}'s access token: a refresh, unless the stored token has already changed
   * (another call refreshed it), in which case the newest account is the answer.
   */
  public Future<Account> refreshAfterRejection(Account used) {
    Object failed = accessToken(used);
    return flight(used.id(), latest -> Objects.equals(accessToken(latest), failed), 0);
  }

  /** Refreshes now (or joins the refresh already running for this account). */
  public Future<Account> refresh(Account account) {
    return flight(account.id(), latest -> true, 0);
  }

  static Object accessToken(Account a) {
    Object secret = Json.at(a.secrets(), "oauth.token.access_token");
    return secret != null ? secret : Json.at(a.publicContext(), "oauth.token.access_token");
  }

  private Future<Account> flight(String accountId, Predicate<Account> stale, int joined) {
    Promise<Account> mine = Promise.promise();
    Future<Account> running = inFlight.putIfAbsent(accountId, mine.future());
    if (running != null) {
      // the running refresh's result is at least as new as anything this caller saw; if it still leaves this caller's
      // token stale (it decided on another question), ask once more
      return OnCaller.follow(running).compose(r -> stale.test(r) && joined < 1 ? flight(accountId, stale, joined + 1)
          : Future.succeededFuture(r));
    }
    String[] rejected = {null};
    writes.lockedChange(accountId, latest -> decide(latest, stale, rejected),
            a -> rejected[0] != null ? List.of("integrated_account:authentication_error") : List.of())
        .compose(a -> {
          written.accept(a);
          if (rejected[0] != null) {
            return Future.failedFuture(needsReauthFailure(rejected[0]));
          }
          return "needs_reauth".equals(a.status()) ? Future.failedFuture(needsReauthFailure(a.lastError())) : Future.succeededFuture(a);
        })
        .recover(e -> Future.failedFuture(lockTimeout(e) ? new TokenUnavailable("another node is refreshing this account's token", 2) : e))
        .onComplete(ar -> {
          inFlight.remove(accountId, mine.future());
          mine.handle(ar);
        });
    return OnCaller.follow(mine.future());
  }

  /** On the newest account: nothing to do (null), or the write that stores the new token or the rejection. */
  private Future<UnaryOperator<Account>> decide(Account latest, Predicate<Account> stale, String[] rejected) {
    if ("needs_reauth".equals(latest.status()) || !stale.test(latest)) {
      return Future.succeededFuture(null);
    }
    JsonObject credential = credential(latest);
    boolean clientCredentials = fetchesOwnTokens(latest.authenticationMethod());
    if (!clientCredentials && Json.at(latest.context(), "oauth.token.refresh_token") == null) {
      return Future.succeededFuture(reject(latest, "no refresh token is stored for this account", rejected));
    }
    return attempt(latest, credential, clientCredentials, 1).transform(ar -> {
      metrics.tokenRefresh(ar.succeeded());
      if (ar.failed()) {
        return ar.cause() instanceof Rejected r ? Future.succeededFuture(reject(latest, r.getMessage(), rejected))
            : Future.failedFuture(ar.cause());
      }
      JsonObject body = ar.result();
      // re-applied on a newer version if a PATCH wrote first: the token fields win, the PATCH's other fields stay
      return Future.succeededFuture(a -> withToken(a, body, credential));
    });
  }

  private UnaryOperator<Account> reject(Account latest, String reason, String[] rejected) {
    LOG.info("Account {} needs reauthorization: {}", latest.id(), reason);
    rejected[0] = reason;
    return a -> a.withStatus("needs_reauth", reason, a.lastActionResult());
  }

  private static FerryFailure needsReauthFailure(String reason) {
    return new FerryFailure(ErrorCode.UNAUTHORIZED, "the integrated account needs reauthorization: " + reason, null,
        new JsonObject().put("truto_is_remote_error", true));
  }

  private static boolean lockTimeout(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && "55P03".equals(pg.getSqlState());
  }

  /** The provider refused the grant itself. */
  private static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  /** The token endpoint's JSON answer carrying an access token; transient failures retried with backoff. */
  private Future<JsonObject> attempt(Account account, JsonObject credential, boolean clientCredentials, int attempt) {
    return endpoint.request(account, credential, clientCredentials).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof FerryFailure f && f.code() == ErrorCode.BAD_REQUEST) {
          return Future.failedFuture(f); // the credentials config is incomplete: say which key, at once
        }
        return retryOrFail(account, credential, clientCredentials, attempt, ar.cause().getMessage(), 0);
      }
      UpstreamResponse r = ar.result();
      JsonObject body = TokenEndpoint.parse(r);
      String error = body.getValue("error") instanceof String s ? s : null;
      if (r.status() == 429 || r.status() >= 500 || error != null && TRANSIENT_ERRORS.contains(error)) {
        return retryOrFail(account, credential, clientCredentials, attempt, "token endpoint answered " + r.status(),
            retryAfterSeconds(r));
      }
      if (error != null && REAUTH_ERRORS.contains(error) || (error == null && (r.status() == 400 || r.status() == 401))) {
        return Future.failedFuture(new Rejected("token refresh rejected: " + (error != null ? error : "HTTP " + r.status())));
      }
      if (error != null || r.status() >= 300) {
        return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, "the token endpoint answered "
            + (error != null ? error : "HTTP " + r.status()), null, new JsonObject().put("truto_is_remote_error", true)));
      }
      if (!(body.getValue("access_token") instanceof String accessToken) || accessToken.isEmpty()) {
        return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, "the token endpoint answered without an access_token"));
      }
      return Future.succeededFuture(body);
    });
  }

  private Future<JsonObject> retryOrFail(Account account, JsonObject credential, boolean clientCredentials, int attempt,
                                         String reason, long retryAfterSeconds) {
    if (attempt >= backoff.maxAttempts()) {
      LOG.warn("Token refresh for account {} failed after {} attempts: {}", account.id(), attempt, reason);
      return Future.failedFuture(new TokenUnavailable("could not refresh the account's token: the token endpoint is unavailable ("
          + reason + "); the account stays active", retryAfterSeconds > 0 ? retryAfterSeconds : 5));
    }
    return vertx.timer(Math.max(1, backoff.delay(attempt))).compose(v -> attempt(account, credential, clientCredentials, attempt + 1));
  }

  private static long retryAfterSeconds(UpstreamResponse r) {
    try {
      String h = r.header("retry-after");
      return h == null ? 0 : Math.min(3600, Long.parseLong(h.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
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
