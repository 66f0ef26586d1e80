package io.ferry.engine.mcp;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.crypto.Tokens;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.unified.Definitions;
import io.ferry.engine.unified.UnifiedRegistry;
import io.ferry.engine.unified.UnifiedService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /mcp/{token}} from token to answer, run in process on the event loop that accepted the request (as the
 * proxy calls it makes are): transport checks → server by token hash → optional API token → account → tools →
 * JSON-RPC. One per node ({@link #of(Vertx)}); its caches are thread-safe, servers are dropped on delete and accounts
 * on account events (by {@link McpVerticle}), and what they hold is never mutated.
 */
public final class McpEndpoint {
  private static final Map<Vertx, McpEndpoint> NODES = new ConcurrentHashMap<>();
  /** A body that is not JSON at all (a parse error, not an invalid request). */
  private static final Object NOT_JSON = new Object();

  private final Vertx vertx;
  private final AccountStore accounts;
  private final McpServerStore servers;
  private final McpProtocol protocol;
  private final UnifiedRegistry unified;
  private final McpTransport transport;
  private final Cache<String, Optional<McpServer>> byTokenHash = Caches.builder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();
  private final Cache<String, Account> accountCache = Caches.builder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();
  private final Cache<String, ToolCatalog> catalogs = Caches.builder().maximumSize(1_000).build();

  McpEndpoint(Vertx vertx, AccountStore accounts, McpServerStore servers, ProxyService proxy, UnifiedRegistry unified,
              String publicUrl, List<String> allowedOrigins) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.servers = servers;
    this.unified = unified;
    this.protocol = new McpProtocol(proxy, unified == null ? null : new UnifiedService(vertx, unified, proxy,
        new Jsonata(UnifiedService.MAPPING_TIMEOUT_MS, Jsonata.DEFAULT_MAX_DEPTH)));
    this.transport = new McpTransport(publicUrl, allowedOrigins);
  }

  /** This node's endpoint, or null while MCP is not deployed (starting or stopping). */
  public static McpEndpoint of(Vertx vertx) {
    return NODES.get(vertx);
  }

  void register() {
    NODES.put(vertx, this);
  }

  void unregister() {
    NODES.remove(vertx, this);
  }

  public Future<McpReply> handle(McpRequest r) {
    try {
      transport.checkOrigin(r);
      Object message = decode(r);
      transport.checkHeaders(r, McpProtocol.isDiscovery(message));
      return server(r.token()).compose(server -> authorize(server, r.authorization()).compose(v -> {
        if (message == NOT_JSON) {
          return Future.succeededFuture(new McpReply(400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "parse error: the body is not JSON")));
        }
        return account(server.accountId()).compose(account -> protocol.handle(new McpSession(server, account, catalog(account),
            new Principal("mcp:" + server.id(), server.environmentId(), null, false)), message, r.protocolVersion()));
      }));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static Object decode(McpRequest r) {
    if (r.body() == null || r.body().length() == 0) {
      return NOT_JSON;
    }
    try {
      return Json.decodeValue(r.body());
    } catch (DecodeException e) {
      return NOT_JSON;
    }
  }

  /** The live server a token addresses; an unknown, deleted or expired token is a 404 (nothing to say which). */
  private Future<McpServer> server(String token) {
    String hash = Tokens.hash(token == null ? "" : token);
    Optional<McpServer> cached = byTokenHash.getIfPresent(hash);
    Future<Optional<McpServer>> found = cached != null ? Future.succeededFuture(cached)
        : servers.byTokenHash(hash).andThen(ar -> {
          if (ar.succeeded()) {
            byTokenHash.put(hash, ar.result());
          }
        });
    return found.compose(s -> s.isPresent() && !s.get().expired(System.currentTimeMillis()) ? Future.succeededFuture(s.get())
        : Future.failedFuture(FerryFailure.notFound("no MCP server for this URL (unknown, deleted or expired token)")));
  }

  /** With {@code require_api_token_auth}, an API token of the server's environment must come along. */
  private Future<Void> authorize(McpServer server, String authorization) {
    if (!server.filter().requireApiTokenAuth()) {
      return Future.succeededFuture();
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
      return Future.failedFuture(new FerryFailure(ErrorCode.UNAUTHORIZED,
          "this MCP server also requires Authorization: Bearer <api token>"));
    }
    return Bus.<Principal>request(vertx, Addresses.AUTH_RESOLVE, ApiCall.of("resolve", null).withId(authorization.substring(7).trim()))
        .compose(p -> p.environmentId().equals(server.environmentId()) ? Future.<Void>succeededFuture()
            : Future.failedFuture(new FerryFailure(ErrorCode.FORBIDDEN, "the API token belongs to another environment")));
  }

  private Future<Account> account(String id) {
    Account cached = accountCache.getIfPresent(id);
    return cached != null ? Future.succeededFuture(cached) : accounts.getInAnyEnvironment(id).andThen(ar -> {
      if (ar.succeeded()) {
        accountCache.put(id, ar.result());
      }
    });
  }

  /**
   * Built once per config version and unified-definitions snapshot (replaced whole on each unified admin write);
   * shared read-only across event loops.
   */
  ToolCatalog catalog(Account account) {
    Definitions d = unified == null ? null : unified.definitions();
    String key = account.configVersion() + "|" + account.environmentId() + "|" + System.identityHashCode(d);
    return catalogs.get(key, k -> ToolCatalog.of(account.integrationName(), account.effectiveConfig(),
        UnifiedTools.of(d, account.environmentId(), account.integrationName())));
  }

  void forgetServer(String serverId) {
    byTokenHash.asMap().values().removeIf(s -> s.isPresent() && s.get().id().equals(serverId));
  }

  void forgetAccount(String accountId, boolean deleted) {
    accountCache.invalidate(accountId);
    if (deleted) {
      byTokenHash.asMap().values().removeIf(s -> s.isPresent() && s.get().accountId().equals(accountId));
    }
  }
}
