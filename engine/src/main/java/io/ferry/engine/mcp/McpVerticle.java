package io.ferry.engine.mcp;

import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.AccountEvent;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.unified.UnifiedRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * MCP servers: serves their admin API, publishes this node's {@link McpEndpoint} (which answers {@code /mcp/{token}}
 * in process on the HTTP event loops), keeps its caches honest (account events, deletes) and deletes expired servers.
 */
public final class McpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(McpVerticle.class);
  static final long EXPIRED_SWEEP_MILLIS = 60_000;

  private final AccountStore accounts;
  private final McpServerStore servers;
  private final ProxyService proxy;
  private final UnifiedRegistry unified;
  private final String publicUrl;
  private final List<String> allowedOrigins;
  private McpEndpoint endpoint;
  private long sweeper = -1;

  /** {@code unified} may be null (no unified tools). */
  public McpVerticle(AccountStore accounts, McpServerStore servers, ProxyService proxy, UnifiedRegistry unified,
                     String publicUrl, List<String> allowedOrigins) {
    this.unified = unified;
    this.accounts = accounts;
    this.servers = servers;
    this.proxy = proxy;
    this.publicUrl = publicUrl;
    this.allowedOrigins = allowedOrigins;
  }

  @Override
  public Future<?> start() {
    endpoint = new McpEndpoint(vertx, accounts, servers, proxy, unified, publicUrl, allowedOrigins);
    McpAdmin admin = new McpAdmin(accounts, servers, endpoint::catalog, endpoint::forgetServer, publicUrl);
    vertx.eventBus().<AccountEvent>localConsumer(Addresses.ACCOUNT_EVENTS,
        m -> endpoint.forgetAccount(m.body().accountId(), m.body().event().endsWith(":deleted")));
    sweeper = vertx.setPeriodic(EXPIRED_SWEEP_MILLIS, t -> servers.deleteExpired(System.currentTimeMillis())
        .onFailure(e -> LOG.warn("Could not delete expired MCP servers: {}", e.getMessage())));
    return Bus.<ApiCall, ApiResult>serve(vertx, Addresses.MCP, admin::handle).completion()
        .onSuccess(v -> endpoint.register());
  }

  @Override
  public Future<?> stop() {
    endpoint.unregister();
    vertx.cancelTimer(sweeper);
    return Future.succeededFuture();
  }
}
