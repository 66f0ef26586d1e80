package io.ferry.engine.connect;

import io.ferry.engine.account.Account;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.proxy.TokenEndpoint;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.function.UnaryOperator;

/**
 * {@code GET /connect/{integration}/callback}: the state must verify (signed, bound to its link token and this
 * integration), be unused and fresh; then the provider's answer is either a denial (passed on) or a code, exchanged
 * with the proxy's {@link TokenEndpoint} (PKCE verifier re-derived from the state), and the account is created.
 */
final class OAuthCallback {
  private final ConnectStore store;
  private final Installs installs;
  private final StateSigner signer;
  private final TokenEndpoint tokens;
  private final AccountConnector connector;
  private final UnaryOperator<String> callbackUrl;

  OAuthCallback(ConnectStore store, LinkChecks links, Installs installs, StateSigner signer, TokenEndpoint tokens,
                AccountConnector connector, UnaryOperator<String> callbackUrl) {
    this.store = store;
    this.installs = installs;
    this.signer = signer;
    this.tokens = tokens;
    this.connector = connector;
    this.callbackUrl = callbackUrl;
  }

  Future<ConnectReply> handle(ConnectCall c) {
    String state = c.param("state");
    String id = StateSigner.idOf(state);
    if (id == null) {
      return Future.failedFuture(badState(c, "The sign-in answer carries no valid state."));
    }
    return store.state(id).compose(s -> {
      if (s == null || !signer.verifies(state, s.linkTokenId(), c.integration())) {
        return Future.failedFuture(badState(c, "The sign-in answer does not belong to a connection started here."));
      }
      return store.use(s).compose(first -> {
        if (!first) {
          return Future.failedFuture(badState(c, "This sign-in answer was already used. Start again from your link."));
        }
        return store.byId(s.linkTokenId()).compose(LinkChecks::usable).compose(t -> {
          if (s.expiresAt() <= System.currentTimeMillis()) {
            return Future.failedFuture(new Refusal(Outcomes.refused(t, 410, "connection_error", "The sign-in took too long",
                "The sign-in took too long. Open your link again to retry.", c.integration())));
          }
          return answer(c, s, t);
        });
      });
    });
  }

  private Future<ConnectReply> answer(ConnectCall c, ConnectState s, LinkToken t) {
    String providerError = c.param("error");
    if (providerError != null || c.param("code") == null) {
      String code = providerError == null ? "connection_error" : providerError.replaceAll("[^A-Za-z0-9_.-]", "");
      String description = providerError == null ? "The provider answered without an authorization code."
          : "access_denied".equals(code) ? "The sign-in was cancelled or access was denied."
          : "The provider refused the sign-in (" + code + ")" + (c.param("error_description") == null ? "."
              : ": " + truncate(c.param("error_description")));
      return Future.succeededFuture(Outcomes.failure(t, s.popup(), 400, "connection_error", code, description, s.integration(), null));
    }
    return installs.row(t.environmentId(), s.environmentIntegrationId()).compose(row -> {
      Choice choice = installs.choice(row);
      JsonObject credential = choice.credential("oauth2");
      JsonObject config = credential == null ? new JsonObject() : credential.getJsonObject("config", new JsonObject());
      JsonObject preAuth = s.context().copy().mergeIn(t.context());
      Account pending = installs.pending(t, row, "oauth2", preAuth);
      String verifier = OAuthFlow.usesPkce(config) ? signer.verifier(s.id()) : null;
      return tokens.exchangeCode(pending, config, c.param("code"), callbackUrl.apply(s.integration()), verifier)
          .transform(ar -> {
            String problem = ar.failed() ? "the provider could not be reached" : problem(ar.result());
            if (problem != null) {
              return Future.succeededFuture(Outcomes.failure(t, s.popup(), 502, "connection_error", "connection_error",
                  "The sign-in could not be completed: " + problem + ".", s.integration(), null));
            }
            JsonObject token = TokenEndpoint.parse(ar.result()).copy();
            if (!token.containsKey("expires_in") && config.getValue("tokenExpiryDuration") != null) {
              token.put("expires_in", Long.parseLong(String.valueOf(config.getValue("tokenExpiryDuration"))));
            }
            JsonObject context = s.context().copy().put("oauth", new JsonObject().put("token", token));
            return store.use(t).compose(won -> won ? connector.connect(t, row, "oauth2", context)
                .map(a -> Outcomes.connected(t, s.popup(), choice, a)) : Future.failedFuture(LinkChecks.alreadyUsed(t)));
          });
    });
  }

  /** Why a token answer is unusable, in words safe to show (never the body: it may hold tokens). */
  private static String problem(UpstreamResponse r) {
    JsonObject body = TokenEndpoint.parse(r);
    if (body.getValue("error") instanceof String e) {
      return "the provider answered " + e.replaceAll("[^A-Za-z0-9_.-]", "");
    }
    if (r.status() >= 300) {
      return "the provider answered HTTP " + r.status();
    }
    return body.getValue("access_token") instanceof String s && !s.isEmpty() ? null : "the provider sent no access token";
  }

  private static Refusal badState(ConnectCall c, String text) {
    return new Refusal(Outcomes.refused(null, 400, "connection_error", "This sign-in cannot be completed", text, c.integration()));
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
