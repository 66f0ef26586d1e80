package io.ferry.engine.connect;

import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.crypto.Tokens;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.interpreter.QueryString;
import io.ferry.engine.json.Json;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** {@code POST /link-token}: checks the body against the caller's environment, stores the token's hash, answers the link. */
final class LinkTokens {
  static final long DEFAULT_LIFETIME_SECONDS = 7 * 24 * 3600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SchemaCheck schema = SchemaCheck.load("requests/link-token.create.json");
  private final ConnectStore store;
  private final IntegrationStore integrations;
  private final AccountStore accounts;
  private final Supplier<String> publicUrl;

  LinkTokens(ConnectStore store, IntegrationStore integrations, AccountStore accounts, Supplier<String> publicUrl) {
    this.store = store;
    this.integrations = integrations;
    this.accounts = accounts;
    this.publicUrl = publicUrl;
  }

  Future<ApiResult> create(ApiCall call) {
    JsonObject body = call.body();
    schema.check(body);
    String env = call.principal().environmentId();
    String tenant = body.getString("tenant_id");
    String accountId = body.getString("integrated_account_id");
    if ((tenant == null) == (accountId == null)) {
      throw FerryFailure.invalid(tenant == null ? "/tenant_id" : "/integrated_account_id",
          "send tenant_id for a new account or integrated_account_id to reconnect one, not both");
    }
    String redirect = body.getString("redirect_uri");
    if (redirect != null) {
      checkRedirect(redirect);
    }
    String installId = body.getString("environment_integration_id");
    Future<String> install = installId == null ? Future.succeededFuture(null) : integrations.installRow(env, installId)
        .recover(e -> Future.failedFuture(FerryFailure.invalid("/environment_integration_id",
            "no environment integration with this id in this environment")))
        .map(row -> row.getString("id"));
    Future<String> reconnect = accountId == null ? Future.succeededFuture(null) : accounts.get(env, accountId)
        .recover(e -> Future.failedFuture(FerryFailure.invalid("/integrated_account_id",
            "no integrated account with this id in this environment")))
        .map(a -> a.environmentIntegrationId());
    return install.compose(i -> reconnect.compose(accountInstall -> {
      if (i != null && accountInstall != null && !i.equals(accountInstall)) {
        return Future.failedFuture(FerryFailure.invalid("/environment_integration_id", "is not the install of integrated_account_id"));
      }
      String token = newToken();
      long expiresAt = System.currentTimeMillis() + 1000L * body.getLong("expires_in", DEFAULT_LIFETIME_SECONDS);
      LinkToken t = new LinkToken(Rows.newId(), env, tenant, i != null ? i : accountInstall, accountId, redirect,
          body.getJsonObject("context", new JsonObject()),
          body.getJsonArray("scopes") == null ? null : body.getJsonArray("scopes").stream().map(String::valueOf).toList(),
          body.getString("region", "wnam"), expiresAt, null);
      return store.insert(t, Tokens.hash(token)).map(v -> ApiResult.created(new JsonObject()
          .put("link_token", token)
          .put("url", publicUrl.get() + "/connect-account?link_token=" + QueryString.percentEncode(token))
          .put("expires_at", Json.iso(expiresAt))));
    }));
  }

  /** 256 random bits; only its SHA-256 is stored, like API tokens. */
  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "flt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static final java.util.Set<String> UNSAFE_SCHEMES = java.util.Set.of("javascript", "data", "vbscript", "file", "blob");

  /** http(s) with a host, or a desktop app's own scheme (myapp://done); never a script-running scheme. */
  static void checkRedirect(String redirect) {
    URI uri;
    try {
      uri = URI.create(redirect);
    } catch (IllegalArgumentException e) {
      throw FerryFailure.invalid("/redirect_uri", "must be an absolute URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme == null || UNSAFE_SCHEMES.contains(scheme) || uri.getFragment() != null
        || (scheme.equals("http") || scheme.equals("https")) && uri.getHost() == null) {
      throw FerryFailure.invalid("/redirect_uri", "must be an absolute http(s) URL with a host (or an app scheme such as myapp://done), without a fragment");
    }
  }
}
