package io.ferry.engine.connect;

import io.ferry.engine.crypto.Tokens;
import io.vertx.core.Future;

/** A link token presented by the browser: found, unused and unexpired, or the refusal page saying which it is not. */
final class LinkChecks {
  private final ConnectStore store;

  LinkChecks(ConnectStore store) {
    this.store = store;
  }

  Future<LinkToken> presented(String token) {
    if (token == null || token.length() > 200) {
      return Future.failedFuture(new Refusal(Outcomes.refused(null, 400, "invalid_token", "This link is incomplete",
          "The link has no link token. Ask the application that sent you here for a new link.", null)));
    }
    return store.byHash(Tokens.hash(token)).compose(t -> {
      if (t == null) {
        return Future.failedFuture(new Refusal(Outcomes.refused(null, 404, "invalid_token", "This link is not valid",
            "This link is not valid. Ask the application that sent you here for a new link.", null)));
      }
      return usable(t);
    });
  }

  static Refusal alreadyUsed(LinkToken t) {
    return new Refusal(Outcomes.refused(t, 400, "invalid_token", "This link was already used",
        "This link was already used to connect an account. Each link works once: ask the application for a new one.", null));
  }

  static Future<LinkToken> usable(LinkToken t) {
    if (t.used()) {
      return Future.failedFuture(alreadyUsed(t));
    }
    if (t.expired(System.currentTimeMillis())) {
      return Future.failedFuture(new Refusal(Outcomes.refused(t, 410, "invalid_token", "This link has expired",
          "This link has expired. Ask the application that sent you here for a new link.", null)));
    }
    return Future.succeededFuture(t);
  }
}
