package io.ferry.engine.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one typed catalogue of Ferry's settings. Precedence: environment variable, then the JSON file named by
 * {@code FERRY_CONFIG} (same keys), then the default.
 */
public record FerryOptions(
    int httpPort,
    Path dataDir,
    String databaseUrl,
    String apiToken,
    String encryptionKey,
    String integrationsDir,
    boolean proxyAllowPrivate,
    long proxyTimeoutMillis,
    long webhookRetryBaseMillis,
    long webhookDisableAfterMillis,
    boolean httpMetrics,
    String logFormat,
    String publicUrl,
    Integer managementPort,
    boolean clusterEnabled,
    long clusterHeartbeatMillis) {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_DATA_DIR = "./data";

  /** Every key Ferry reads, for documentation and the precedence test. */
  public enum Key {
    FERRY_HTTP_PORT("HTTP port of the API", false),
    FERRY_DATA_DIR("directory for the embedded database and the generated encryption key", false),
    FERRY_DATABASE_URL("absent: embedded H2 in the data dir; postgresql://user[:pass]@host:port/db: PostgreSQL", true),
    FERRY_API_TOKEN("admin API token; absent on first start: generated and printed once", true),
    FERRY_ENCRYPTION_KEY("base64 of 32 bytes; absent: generated into the data dir (owner-only)", true),
    FERRY_INTEGRATIONS_DIR("directory of integration definitions; absent: ./integrations if present, else the bundled catalog", false),
    FERRY_PROXY_ALLOW_PRIVATE("true lets the proxy reach loopback/private addresses (tests, local development)", false),
    FERRY_PROXY_TIMEOUT_MS("total timeout of one upstream call, ms (default 30000); expiry answers 504", false),
    FERRY_WEBHOOK_RETRY_BASE_MS("first retry delay of a failed webhook delivery, ms (default 1000), doubling each time", false),
    FERRY_WEBHOOK_DISABLE_AFTER_MS("a webhook target failing for this long is deactivated, ms (default 86400000)", false),
    FERRY_HTTP_METRICS("false turns off Vert.x's per-request HTTP server/client metrics (about 15% of a proxy call's CPU); Ferry's own metrics stay", false),
    FERRY_LOG_FORMAT("text (default) or json", false),
    FERRY_PUBLIC_URL("the URL third parties and browsers reach Ferry at (https://ferry.example.com), for signed webhook URLs and OAuth callbacks; absent: http://localhost:<port>", false),
    FERRY_MANAGEMENT_PORT("absent: /metrics on the API port, admin token required; a port: /metrics, /health and /ready also served there without a token (keep it off the public network)", false),
    FERRY_CLUSTER("on PostgreSQL: true (default) coordinates with the other nodes on the same database (LISTEN/NOTIFY); false only for a node that is alone on its database", false),
    FERRY_CLUSTER_HEARTBEAT_MS("how often a node records that it is alive, ms (default 5000); a node silent for 3 beats is not listed by GET /cluster", false);

    public final String description;
    public final boolean masked;

    Key(String description, boolean masked) {
      this.description = description;
      this.masked = masked;
    }
  }

  public static FerryOptions fromEnvironment() {
    return from(System.getenv());
  }

  public static FerryOptions from(Map<String, String> env) {
    JsonObject file = new JsonObject();
    String configFile = env.get("FERRY_CONFIG");
    if (configFile != null && !configFile.isBlank()) {
      try {
        file = new JsonObject(Files.readString(Path.of(configFile)));
      } catch (Exception e) {
        throw new IllegalArgumentException("FERRY_CONFIG " + configFile + " is not a readable JSON object: " + e.getMessage(), e);
      }
    }
    Lookup l = new Lookup(env, file);
    int httpPort = (int) number(l, Key.FERRY_HTTP_PORT, DEFAULT_HTTP_PORT);
    String dataDir = l.get(Key.FERRY_DATA_DIR);
    return new FerryOptions(
        httpPort,
        Path.of(dataDir == null ? DEFAULT_DATA_DIR : dataDir),
        blankToNull(l.get(Key.FERRY_DATABASE_URL)),
        blankToNull(l.get(Key.FERRY_API_TOKEN)),
        blankToNull(l.get(Key.FERRY_ENCRYPTION_KEY)),
        blankToNull(l.get(Key.FERRY_INTEGRATIONS_DIR)),
        "true".equalsIgnoreCase(l.get(Key.FERRY_PROXY_ALLOW_PRIVATE)),
        number(l, Key.FERRY_PROXY_TIMEOUT_MS, 30_000),
        number(l, Key.FERRY_WEBHOOK_RETRY_BASE_MS, 1_000),
        number(l, Key.FERRY_WEBHOOK_DISABLE_AFTER_MS, 86_400_000),
        !"false".equalsIgnoreCase(l.get(Key.FERRY_HTTP_METRICS)),
        l.get(Key.FERRY_LOG_FORMAT) == null ? "text" : l.get(Key.FERRY_LOG_FORMAT),
        publicUrl(l.get(Key.FERRY_PUBLIC_URL), httpPort),
        l.get(Key.FERRY_MANAGEMENT_PORT) == null ? null : (int) number(l, Key.FERRY_MANAGEMENT_PORT, 0),
        !"false".equalsIgnoreCase(l.get(Key.FERRY_CLUSTER)),
        positive(l, Key.FERRY_CLUSTER_HEARTBEAT_MS, 5_000));
  }

  public FerryOptions withHttpPort(int port) {
    return new FerryOptions(port, dataDir, databaseUrl, apiToken, encryptionKey, integrationsDir, proxyAllowPrivate, proxyTimeoutMillis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withDatabaseUrl(String url) {
    return new FerryOptions(httpPort, dataDir, url, apiToken, encryptionKey, integrationsDir, proxyAllowPrivate, proxyTimeoutMillis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withApiToken(String token) {
    return new FerryOptions(httpPort, dataDir, databaseUrl, token, encryptionKey, integrationsDir, proxyAllowPrivate, proxyTimeoutMillis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withIntegrationsDir(String dir) {
    return new FerryOptions(httpPort, dataDir, databaseUrl, apiToken, encryptionKey, dir, proxyAllowPrivate, proxyTimeoutMillis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withProxyAllowPrivate(boolean allow) {
    return new FerryOptions(httpPort, dataDir, databaseUrl, apiToken, encryptionKey, integrationsDir, allow, proxyTimeoutMillis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withProxyTimeoutMillis(long millis) {
    return new FerryOptions(httpPort, dataDir, databaseUrl, apiToken, encryptionKey, integrationsDir, proxyAllowPrivate, millis, webhookRetryBaseMillis, webhookDisableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  public FerryOptions withWebhookTiming(long retryBaseMillis, long disableAfterMillis) {
    return new FerryOptions(httpPort, dataDir, databaseUrl, apiToken, encryptionKey, integrationsDir, proxyAllowPrivate,
        proxyTimeoutMillis, retryBaseMillis, disableAfterMillis, httpMetrics, logFormat, publicUrl, managementPort, clusterEnabled, clusterHeartbeatMillis);
  }

  @Override
  public String toString() {
    return "FerryOptions{httpPort=" + httpPort + ", dataDir=" + dataDir + ", database="
        + (databaseUrl == null ? "embedded" : "postgresql") + ", apiToken=" + (apiToken == null ? "generated" : "****")
        + ", encryptionKey=" + (encryptionKey == null ? "file" : "****") + "}";
  }

  private static long number(Lookup l, Key key, long dflt) {
    String raw = l.get(key);
    try {
      return raw == null ? dflt : Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key.name() + " must be a number, got '" + raw + "'");
    }
  }

  private static long positive(Lookup l, Key key, long dflt) {
    long v = number(l, key, dflt);
    if (v <= 0) {
      throw new IllegalArgumentException(key.name() + " must be a positive number, got '" + l.get(key) + "'");
    }
    return v;
  }

  private static String publicUrl(String raw, int port) {
    String url = blankToNull(raw);
    if (url == null) {
      return "http://localhost:" + port;
    }
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FERRY_PUBLIC_URL must be an absolute http(s) URL, got '" + raw + "'");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("FERRY_PUBLIC_URL must be an absolute http(s) URL, got '" + raw + "'");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private record Lookup(Map<String, String> env, JsonObject file) {
    String get(Key key) {
      String v = env.get(key.name());
      if (v != null) {
        return v;
      }
      Object f = file.getValue(key.name());
      return f == null ? null : String.valueOf(f);
    }
  }
}
