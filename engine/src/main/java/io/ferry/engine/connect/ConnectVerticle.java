package io.ferry.engine.connect;

import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.http.SsrfGuard;
import io.ferry.engine.proxy.TokenEndpoint;
import io.ferry.engine.http.UpstreamClient;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The connect flow: {@code POST /link-token}, the hosted pages ({@code GET /connect-account}, the field form, the
 * start of an OAuth authorization) and the OAuth callback. Every answer to the browser is a page or a redirect,
 * never a JSON error; nothing secret is rendered or logged.
 */
public final class ConnectVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectVerticle.class);
  static final long STATE_LIFETIME_MILLIS = 15 * 60_000;
  static final long SWEEP_EVERY_MILLIS = 3_600_000;
  /** A token endpoint's answer is small; anything near this is not one. */
  static final long TOKEN_ANSWER_MAX_BYTES = 1 << 20;

  private final ConnectStore store;
  private final Installs installs;
  private final io.ferry.engine.integration.ConfigSecrets configSecrets;
  private final LinkTokens linkTokens;
  private final LinkChecks links;
  private final StateSigner signer;
  private final AccountWrites writes;
  private final Supplier<String> publicUrl;
  private final boolean allowPrivate;
  private final int proxyShards;
  private OAuthCallback callback;
  private AccountConnector connector;
  private long sweeper;

  public ConnectVerticle(Database db, SecretBox box, IntegrationStore integrations, AccountWrites writes,
                         Supplier<String> publicUrl, boolean allowPrivate, int proxyShards) {
    this.store = new ConnectStore(db, box);
    this.installs = new Installs(integrations);
    this.configSecrets = integrations.configSecrets();
    this.linkTokens = new LinkTokens(store, integrations, writes.store(), publicUrl);
    this.links = new LinkChecks(store);
    this.signer = new StateSigner(box.derive("ferry-connect-state-v1"));
    this.writes = writes;
    this.publicUrl = publicUrl;
    this.allowPrivate = allowPrivate;
    this.proxyShards = proxyShards;
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, ConnectCall.class, ConnectReply.class);
    connector = new AccountConnector(vertx, writes, proxyShards, configSecrets);
    TokenEndpoint tokens = new TokenEndpoint(new UpstreamClient(vertx, TOKEN_ANSWER_MAX_BYTES), new SsrfGuard(vertx, allowPrivate));
    callback = new OAuthCallback(store, links, installs, signer, tokens, connector, this::callbackUrl);
    sweeper = vertx.setPeriodic(SWEEP_EVERY_MILLIS, id -> store.sweep(System.currentTimeMillis())
        .onFailure(e -> LOG.warn("Could not delete old link tokens: {}", e.toString())));
    return Future.join(
        Bus.<ApiCall, ApiResult>serve(vertx, Addresses.LINK_TOKEN, linkTokens::create).completion(),
        Bus.<ConnectCall, ConnectReply>serve(vertx, Addresses.CONNECT, this::handle).completion());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return Future.succeededFuture();
  }

  String callbackUrl(String integration) {
    return publicUrl.get() + "/connect/" + Html.url(integration) + "/callback";
  }

  private Future<ConnectReply> handle(ConnectCall c) {
    Future<ConnectReply> reply;
    try {
      reply = switch (c.kind()) {
        case ConnectCall.PAGE -> page(c);
        case ConnectCall.FIELDS -> fields(c);
        case ConnectCall.OAUTH_START -> start(c);
        case ConnectCall.CALLBACK -> callback.handle(c);
        default -> Future.failedFuture(FerryFailure.notFound("unknown connect step"));
      };
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    return reply.recover(e -> {
      if (e instanceof Refusal r) {
        return Future.succeededFuture(r.reply);
      }
      int status = e instanceof FerryFailure f ? f.code().status : 500;
      if (status >= 500) {
        LOG.warn("Connect step {} for {} failed: {}", c.kind(), c.integration(), e.toString());
      }
      return Future.succeededFuture(Outcomes.refused(null, status, "connection_error", "Something went wrong",
          "The connection could not be completed. Please try again later.", c.integration()));
    });
  }

  private static ConnectPages.Nav nav(ConnectCall c) {
    return new ConnectPages.Nav(c.param("link_token"), c.param("integrations"), "true".equals(c.param("no_back")), c.param("auth_format"));
  }

  private Future<ConnectReply> page(ConnectCall c) {
    Set<String> only = c.param("integrations") == null ? null
        : new LinkedHashSet<>(Arrays.stream(c.param("integrations").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    String wanted = c.param("integration");
    return links.presented(c.param("link_token")).compose(t -> installs.choices(t, only).map(choices -> {
      ConnectPages.Nav nav = nav(c);
      if (wanted == null && choices.size() != 1) {
        return ConnectReply.page(200, ConnectPages.picker(nav, choices));
      }
      Choice chosen = choices.stream().filter(x -> wanted == null || x.name().equals(wanted)).findFirst().orElse(null);
      if (chosen == null) {
        throw new Refusal(Outcomes.refused(t, 404, "invalid_integration", "This app is not available",
            "The app \"" + wanted + "\" is not available to connect with this link.", wanted));
      }
      ConnectPages.Nav shown = wanted == null ? new ConnectPages.Nav(nav.linkToken(), nav.integrations(), true, nav.authFormat()) : nav;
      return integrationPage(200, t, shown, chosen, Map.of(), Map.of(), null);
    }));
  }

  /** The forms lead to the provider (OAuth) or, after a 302, to the app's redirect_uri: CSP form-action names both. */
  private static ConnectReply integrationPage(int status, LinkToken t, ConnectPages.Nav nav, Choice c, Map<String, String> params,
                                              Map<String, String> errors, String errorsFor) {
    JsonObject oauth = c.methods(nav.authFormat()).contains("oauth2") ? c.credential("oauth2") : null;
    String provider = oauth != null && oauth.getValue("config") instanceof JsonObject cfg ? OAuthFlow.formOrigin(cfg) : null;
    String app = t.redirectUri() == null ? null : OAuthFlow.origin(t.redirectUri());
    String formAction = provider == null ? app : app == null ? provider : provider + " " + app;
    return ConnectReply.page(status, ConnectPages.integration(nav, c, params, errors, errorsFor, formAction));
  }

  /** The chosen integration's full row and the checked method, or a refusal page. */
  private Future<Step> step(ConnectCall c, boolean oauth) {
    return links.presented(c.param("link_token")).compose(t -> installs.row(t, c.integration()).map(row -> {
      if (row == null) {
        throw new Refusal(Outcomes.refused(t, 404, "invalid_integration", "This app is not available",
            "The app \"" + c.integration() + "\" is not available to connect with this link.", c.integration()));
      }
      Choice choice = installs.choice(row);
      String method = c.param("auth_format");
      List<String> methods = choice.methods(null);
      if (method == null || !methods.contains(method) || oauth != "oauth2".equals(method)) {
        throw new Refusal(Outcomes.refused(t, 400, "connection_error", "This sign-in method is not available",
            "This app cannot be connected with that method.", c.integration()));
      }
      return new Step(t, row, choice, method, "1".equals(c.param("popup")));
    }));
  }

  record Step(LinkToken token, io.vertx.sqlclient.Row row, Choice choice, String method, boolean popup) {
  }

  /** The form's values, or the integration page again (400) saying which field needs attention. */
  private JsonObject checkedFields(ConnectCall c, Step s) {
    var fields = FieldForm.fields(s.choice().credential(s.method()));
    Map<String, String> errors = FieldForm.check(fields, c.params());
    if (!errors.isEmpty()) {
      throw new Refusal(integrationPage(400, s.token(), nav(c), s.choice(), c.params(), errors, s.method()));
    }
    return FieldForm.values(fields, c.params());
  }

  private Future<ConnectReply> fields(ConnectCall c) {
    return step(c, false).compose(s -> {
      JsonObject values = checkedFields(c, s);
      return store.use(s.token()).compose(won -> won ? connector.connect(s.token(), s.row(), s.method(), values)
              .map(a -> Outcomes.connected(s.token(), s.popup(), s.choice(), a))
              .recover(e -> Future.succeededFuture(Outcomes.failure(s.token(), s.popup(), 400, "connection_error", "connection_error",
                  "The account could not be saved: " + e.getMessage(), s.choice().name(), null)))
          : Future.failedFuture(LinkChecks.alreadyUsed(s.token())));
    });
  }

  private Future<ConnectReply> start(ConnectCall c) {
    return step(c, true).compose(s -> {
      JsonObject values = checkedFields(c, s);
      JsonObject config = s.choice().credential("oauth2").getJsonObject("config", new JsonObject());
      String stateId = Rows.newId();
      String state = signer.sign(stateId, s.token().id(), s.choice().name());
      JsonObject context = values.copy().mergeIn(s.token().context());
      String url;
      try {
        url = OAuthFlow.authorizeUrl(config, context, s.choice().config().getJsonObject("environment_variables"),
            s.token().scopes(), callbackUrl(s.choice().name()), state,
            OAuthFlow.usesPkce(config) ? StateSigner.challenge(signer.verifier(stateId)) : null);
      } catch (OAuthFlow.NotConfigured e) {
        return Future.succeededFuture(Outcomes.failure(s.token(), s.popup(), 400, "connection_error", "connection_error",
            "This app is not set up for sign-in: " + e.getMessage(), s.choice().name(), null));
      }
      ConnectState row = new ConnectState(stateId, s.token().id(), s.choice().name(), s.row().getString("id"), "oauth2",
          values, s.popup(), System.currentTimeMillis() + STATE_LIFETIME_MILLIS, null);
      return store.insert(row).map(v -> ConnectReply.redirect(url));
    });
  }
}
