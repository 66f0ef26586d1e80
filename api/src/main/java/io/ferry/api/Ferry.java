package io.ferry.api;

import io.ferry.engine.account.AccountStore;
import io.ferry.engine.account.AccountVerticle;
import io.ferry.engine.account.AccountWrites;
import io.ferry.engine.auth.AuthStore;
import io.ferry.engine.auth.AuthVerticle;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.cluster.ClusterNotices;
import io.ferry.engine.cluster.ClusterVerticle;
import io.ferry.engine.cluster.Notice;
import io.ferry.engine.config.FerryOptions;
import io.ferry.engine.connect.ConnectVerticle;
import io.ferry.engine.crypto.KeyMaterial;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.integration.ConfigCheck;
import io.ferry.engine.integration.IntegrationStore;
import io.ferry.engine.integration.IntegrationVerticle;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.ConfigInterpreterVerticle;
import io.ferry.engine.interpreter.CursorCodec;
import io.ferry.engine.interpreter.ExpressionCheck;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.mcp.McpServerStore;
import io.ferry.engine.mcp.McpVerticle;
import io.ferry.engine.metrics.FerryMetrics;
import io.ferry.engine.proxy.ProxyNode;
import io.ferry.engine.proxy.ProxyOptions;
import io.ferry.engine.proxy.ProxyService;
import io.ferry.engine.proxy.ProxyVerticle;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Rows;
import io.ferry.engine.store.StoreVerticle;
import io.ferry.engine.unified.UnifiedRegistry;
import io.ferry.engine.unified.UnifiedStore;
import io.ferry.engine.unified.UnifiedVerticle;
import io.ferry.engine.webhook.EventOutbox;
import io.ferry.engine.webhook.WebhookDeliveryVerticle;
import io.ferry.engine.webhook.WebhookStore;
import io.ferry.engine.webhook.WebhookVerifierVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Deploys Ferry's verticles (store → cluster → the features together: interpreter, auth, audit, integrations, accounts,
 * proxy, connect, mcp, webhook verifier and delivery, unified → HTTP) and undeploys them in reverse; logs where the
 * start-up time went.
 */
public final class Ferry {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ferry.class);

  private final Vertx vertx;
  private final Database db;
  private final List<String> deployments = new ArrayList<>();
  private HttpApiVerticle http;
  private ManagementVerticle management;
  private volatile boolean ready;
  private ProxyNode proxy;
  /** Start-up time per deployment step, logged once ready: where a slow start went. */
  private final StringBuilder startupSteps = new StringBuilder();
  private final long startedAt;

  private Ferry(Vertx vertx, Database db, long startedAt) {
    this.vertx = vertx;
    this.db = db;
    this.startedAt = startedAt;
  }

  public static Future<Ferry> start(Vertx vertx, FerryOptions options) {
    long t0 = System.nanoTime();
    Bus.registerCodecs(vertx, Notice.class);
    SecretBox box;
    Database db;
    try {
      box = KeyMaterial.secretBox(options);
      db = Database.open(vertx, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Ferry ferry = new Ferry(vertx, db, t0);
    ferry.step("keys and store opened", t0);
    FerryMetrics metrics = FerryMetrics.create();
    EventOutbox outbox = new EventOutbox(db);
    IntegrationStore integrations = new IntegrationStore(db, box).withOutbox(outbox);
    AccountStore accounts = new AccountStore(db, box);
    ClusterNotices cluster = new ClusterNotices(db, Rows.newId(), options.clusterEnabled());
    AccountWrites writes = new AccountWrites(vertx, accounts, outbox, cluster);
    ConfigInterpreter interpreter = new ConfigInterpreter(Jsonata.defaults(), new CursorCodec(box.derive("ferry-cursor-v1")));
    ConfigCheck configCheck = new ConfigCheck(config -> ExpressionCheck.failures(config)
        .addAll(io.ferry.engine.webhook.WebhookConfigCheck.failures(config)));
    // one HTTP instance and one proxy shard per core; everything else is light and runs once
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    UnifiedRegistry unified = new UnifiedRegistry(new UnifiedStore(db));
    Future<Ferry> started = db.startupLock(vertx).compose(unlock -> ferry.deploy(new StoreVerticle(db))
        .compose(v -> ferry.deploy(new ClusterVerticle(db, cluster, version(), options.clusterHeartbeatMillis())))
        // the team, environment and admin token first: the catalog sync below stores integrations under the team
        .compose(v -> ferry.deploy(new AuthVerticle(new AuthStore(db), options.apiToken())))
        .compose(v -> {
          // the proxy runs in process on every event loop (ProxyService.of); its verticles do lifecycle work only
          ProxyNode node = new ProxyNode(vertx, writes, interpreter, new ProxyOptions(options.proxyAllowPrivate(),
              options.proxyTimeoutMillis(), options.proxyMaxBodyBytes()), metrics);
          ferry.proxy = node;
          // Once the schema, the cluster and the seed are in place the features need nothing of each other to start (they
          // meet over the bus, called only once HTTP is up): started together, the catalog's checks, the unified
          // mappings' compilation and the other stores' seeding overlap instead of adding up.
          List<io.vertx.core.Deployable> features = new ArrayList<>(List.of(
              new ConfigInterpreterVerticle(interpreter),
              new io.ferry.engine.audit.AuditVerticle(db),
              new IntegrationVerticle(integrations, configCheck, options.integrationsDir()),
              new AccountVerticle(writes, integrations)));
          for (int i = 0; i < instances; i++) {
            features.add(new ProxyVerticle(node, accounts, i, instances));
          }
          features.addAll(List.of(
              new ConnectVerticle(db, box, integrations, writes, () -> ferry.publicUrl(options), options.proxyAllowPrivate(), instances),
              new McpVerticle(accounts, new McpServerStore(db), ProxyService.of(vertx), unified, options.publicUrl(),
                  options.mcpAllowedOrigins()),
              new WebhookVerifierVerticle(writes, integrations, outbox, interpreter.jsonata(), metrics, options.webhookIntakeBatch()),
              new WebhookDeliveryVerticle(new WebhookStore(db, box), options.proxyAllowPrivate(), options.webhookRetryBaseMillis(),
                  options.webhookDisableAfterMillis(), options.outboxRetentionMillis(), metrics),
              new UnifiedVerticle(unified, options.unifiedDir())));
          return ferry.deployTogether(features);
        })
        .compose(v -> {
          ferry.publicUrls = new PublicUrls(options.publicUrl(), options.publicUrlConfigured(), options.trustedProxies());
          return ferry.deployHttp(options.httpPort(), metrics, instances, unified, new HttpApiVerticle.HttpLimits(
              options.httpIdleTimeoutSeconds(), options.httpHeaderTimeoutMillis(), options.httpMaxConnectionsPerAddress()));
        })
        .compose(v -> options.managementPort() == null ? Future.succeededFuture()
            : ferry.deploy(ferry.management = new ManagementVerticle(options.managementPort(), metrics, () -> ferry.ready)))
        .map(v -> {
          ferry.ready = true;
          LOG.info("ready in {} ms (JVM up {} ms): {}", (System.nanoTime() - ferry.startedAt) / 1_000_000,
              java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), ferry.startupSteps);
          return ferry;
        })
        .eventually(() -> {
          unlock.run();
          return Future.succeededFuture();
        }));
    return started.recover(e -> ferry.stop().transform(ignored -> Future.failedFuture(e)));
  }

  /** The build's version (jar manifest), or "dev" when run from classes. */
  static String version() {
    String v = Ferry.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** HTTP instances share the port; the first is kept for its port and router. */
  private PublicUrls publicUrls = PublicUrls.NONE;

  private Future<Void> deployHttp(int port, FerryMetrics metrics, int instances, UnifiedRegistry unified,
                                  HttpApiVerticle.HttpLimits limits) {
    List<HttpApiVerticle> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectionGuard.Counts counts = new ConnectionGuard.Counts(); // one count per client address across instances
    long t0 = System.nanoTime();
    return vertx.deployVerticle(() -> {
      HttpApiVerticle v = new HttpApiVerticle(port, metrics, () -> ready, instances, unified, limits, counts).withPublicUrls(publicUrls);
      created.add(v);
      return v;
    }, new io.vertx.core.DeploymentOptions().setInstances(instances)).map(id -> {
      deployments.add(id);
      step("HttpApiVerticle", t0);
      http = created.get(0);
      return null;
    });
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    long t0 = System.nanoTime();
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      step(verticle.getClass().getSimpleName(), t0);
      return null;
    });
  }

  /** Deploys {@code verticles} at once; all are recorded (in this order, for the reverse stop) once each has started. */
  private Future<Void> deployTogether(List<io.vertx.core.Deployable> verticles) {
    long t0 = System.nanoTime();
    List<Future<String>> ids = new ArrayList<>();
    for (io.vertx.core.Deployable v : verticles) {
      ids.add(vertx.deployVerticle(v).andThen(ar -> {
        if (ar.succeeded()) {
          step(v.getClass().getSimpleName(), t0);
        }
      }));
    }
    return Future.join(ids).transform(ar -> {
      synchronized (deployments) {
        ids.stream().filter(Future::succeeded).forEach(f -> deployments.add(f.result()));
      }
      return ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause());
    });
  }

  private synchronized void step(String name, long t0) {
    startupSteps.append(startupSteps.isEmpty() ? "" : ", ").append(name).append(' ').append((System.nanoTime() - t0) / 1_000_000);
  }

  /** FERRY_PUBLIC_URL; its default names the configured port, so port 0 (tests) means the port actually bound. */
  String publicUrl(FerryOptions options) {
    String url = options.publicUrl();
    return url.endsWith("localhost:0") && http != null ? "http://localhost:" + port() : url;
  }

  public int port() {
    return http.actualPort();
  }

  /** The management port, when {@code FERRY_MANAGEMENT_PORT} is set; else -1. */
  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  HttpApiVerticle http() {
    return http;
  }

  public Database database() {
    return db;
  }

  /** Undeploys in reverse order, then closes the store. */
  public Future<Void> stop() {
    ready = false;
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id)).recover(e -> Future.succeededFuture());
    }
    deployments.clear();
    ProxyNode node = proxy;
    proxy = null;
    return chain.compose(v -> node == null ? Future.<Void>succeededFuture() : node.close()).compose(v -> db.close()).recover(e -> Future.succeededFuture());
  }
}
