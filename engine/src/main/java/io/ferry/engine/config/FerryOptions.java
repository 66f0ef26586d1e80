package io.ferry.engine.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one typed catalogue of Ferry's settings. Precedence: environment variable, then the JSON file named by
 * {@code FERRY_CONFIG} (same keys), then the default. {@code settings} keeps the raw values it was parsed from, so a
 * copy with one setting changed ({@link #with}) is parsed by the same rules as the original.
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
    long proxyMaxBodyBytes,
    long outboxRetentionMillis,
    List<String> trustedProxies,
    boolean publicUrlConfigured,
    int webhookIntakeBatch,
    long httpIdleTimeoutSeconds,
    long httpHeaderTimeoutMillis,
    int httpMaxConnectionsPerAddress,
    List<String> mcpAllowedOrigins,
    boolean clusterEnabled,
    long clusterHeartbeatMillis,
    boolean accessLog,
    String unifiedDir,
    Map<String, String> settings) {

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
    FERRY_HTTP_METRICS("true adds Vert.x's per-request HTTP server/client metrics (about a fifth of a proxy call's CPU); Ferry's own proxy meters are always on", false),
    FERRY_LOG_FORMAT("text (default) or json", false),
    FERRY_PUBLIC_URL("the URL third parties and browsers reach Ferry at (https://ferry.example.com), for signed webhook URLs and OAuth callbacks; absent: http://localhost:<port>", false),
    FERRY_MANAGEMENT_PORT("absent: /metrics on the API port, admin token required; a port: /metrics, /health and /ready also served there without a token (keep it off the public network)", false),
    FERRY_PROXY_MAX_BODY_BYTES("largest upstream JSON answer the proxy reshapes, bytes, compressed or not (default 16777216); larger answers 502", false),
    FERRY_OUTBOX_RETENTION("how long delivered outbound webhook events are kept: 7d (default), 12h, 30m or milliseconds; failed ones are kept until retried", false),
    FERRY_WEBHOOK_INTAKE_BATCH("most inbound webhooks committed in one transaction (group commit, default 256); 1 commits each alone", false),
    FERRY_TRUSTED_PROXIES("comma-separated proxy addresses or CIDRs (10.0.0.0/8) whose Forwarded / X-Forwarded-Proto / X-Forwarded-Host headers are believed when building signed webhook URLs; absent: none", false),
    FERRY_HTTP_IDLE_TIMEOUT_S("a client connection with no traffic for this long is closed, seconds (default 120)", false),
    FERRY_HTTP_HEADER_TIMEOUT_MS("a client must send a request's headers within this time of connecting or of the previous answer, ms (default 10000; slowloris)", false),
    FERRY_HTTP_MAX_CONNECTIONS_PER_ADDRESS("open connections allowed from one client IP address (default 512); more are closed at once", false),
    FERRY_MCP_ALLOWED_ORIGINS("comma-separated browser origins (https://app.example.com) allowed to call /mcp besides the same origin and FERRY_PUBLIC_URL; absent: none", false),
    FERRY_CLUSTER("on PostgreSQL: true (default) coordinates with the other nodes on the same database (LISTEN/NOTIFY); false only for a node that is alone on its database", false),
    FERRY_CLUSTER_HEARTBEAT_MS("how often a node records that it is alive, ms (default 5000); a node silent for 3 beats is not listed by GET /cluster", false),
    FERRY_ACCESS_LOG("false turns off the per-request access log line (ferry.access); errors and lifecycle logs stay", false),
    FERRY_UNIFIED_DIR("directory of unified models (<model>.json) and mappings (<model>/<integration>.json) added to the bundled ones, same name wins; absent: ./unified if present", false);

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
    Map<String, String> settings = new HashMap<>();
    for (Key key : Key.values()) {
      if (l.get(key) != null) {
        settings.put(key.name(), l.get(key));
      }
    }
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
        "true".equalsIgnoreCase(l.get(Key.FERRY_HTTP_METRICS)),
        l.get(Key.FERRY_LOG_FORMAT) == null ? "text" : l.get(Key.FERRY_LOG_FORMAT),
        publicUrl(l.get(Key.FERRY_PUBLIC_URL), httpPort),
        l.get(Key.FERRY_MANAGEMENT_PORT) == null ? null : (int) number(l, Key.FERRY_MANAGEMENT_PORT, 0),
        number(l, Key.FERRY_PROXY_MAX_BODY_BYTES, 16L << 20),
        duration(l, Key.FERRY_OUTBOX_RETENTION, 7L * 24 * 3600 * 1000),
        list(l.get(Key.FERRY_TRUSTED_PROXIES)),
        blankToNull(l.get(Key.FERRY_PUBLIC_URL)) != null,
        (int) Math.max(1, number(l, Key.FERRY_WEBHOOK_INTAKE_BATCH, 256)),
        number(l, Key.FERRY_HTTP_IDLE_TIMEOUT_S, 120),
        number(l, Key.FERRY_HTTP_HEADER_TIMEOUT_MS, 10_000),
        (int) number(l, Key.FERRY_HTTP_MAX_CONNECTIONS_PER_ADDRESS, 512),
        list(l.get(Key.FERRY_MCP_ALLOWED_ORIGINS)),
        !"false".equalsIgnoreCase(l.get(Key.FERRY_CLUSTER)),
        positive(l, Key.FERRY_CLUSTER_HEARTBEAT_MS, 5_000),
        !"false".equalsIgnoreCase(l.get(Key.FERRY_ACCESS_LOG)),
        blankToNull(l.get(Key.FERRY_UNIFIED_DIR)),
        Map.copyOf(settings));
  }

  /** A copy with one setting changed (null removes it), parsed by the same rules as the environment. */
  public FerryOptions with(Key key, Object value) {
    Map<String, String> changed = new HashMap<>(settings);
    if (value == null) {
      changed.remove(key.name());
    } else {
      changed.put(key.name(), String.valueOf(value));
    }
    return from(changed);
  }

  public FerryOptions withHttpPort(int port) {
    return with(Key.FERRY_HTTP_PORT, port);
  }

  public FerryOptions withDatabaseUrl(String url) {
    return with(Key.FERRY_DATABASE_URL, url);
  }

  public FerryOptions withApiToken(String token) {
    return with(Key.FERRY_API_TOKEN, token);
  }

  public FerryOptions withIntegrationsDir(String dir) {
    return with(Key.FERRY_INTEGRATIONS_DIR, dir);
  }

  public FerryOptions withUnifiedDir(String dir) {
    return with(Key.FERRY_UNIFIED_DIR, dir);
  }

  public FerryOptions withProxyAllowPrivate(boolean allow) {
    return with(Key.FERRY_PROXY_ALLOW_PRIVATE, allow);
  }

  public FerryOptions withProxyTimeoutMillis(long millis) {
    return with(Key.FERRY_PROXY_TIMEOUT_MS, millis);
  }

  public FerryOptions withProxyMaxBodyBytes(long bytes) {
    return with(Key.FERRY_PROXY_MAX_BODY_BYTES, bytes);
  }

  public FerryOptions withWebhookTiming(long retryBaseMillis, long disableAfterMillis) {
    return with(Key.FERRY_WEBHOOK_RETRY_BASE_MS, retryBaseMillis).with(Key.FERRY_WEBHOOK_DISABLE_AFTER_MS, disableAfterMillis);
  }

  public FerryOptions withPublicUrl(String url, List<String> proxies) {
    return with(Key.FERRY_PUBLIC_URL, url).with(Key.FERRY_TRUSTED_PROXIES, proxies == null ? null : String.join(",", proxies));
  }

  public FerryOptions withOutboxRetentionMillis(long millis) {
    return with(Key.FERRY_OUTBOX_RETENTION, millis);
  }

  public FerryOptions withHttpLimits(long idleTimeoutSeconds, long headerTimeoutMillis, int maxConnectionsPerAddress) {
    return with(Key.FERRY_HTTP_IDLE_TIMEOUT_S, idleTimeoutSeconds).with(Key.FERRY_HTTP_HEADER_TIMEOUT_MS, headerTimeoutMillis)
        .with(Key.FERRY_HTTP_MAX_CONNECTIONS_PER_ADDRESS, maxConnectionsPerAddress);
  }

  public FerryOptions withMcpAllowedOrigins(List<String> origins) {
    return with(Key.FERRY_MCP_ALLOWED_ORIGINS, String.join(",", origins));
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

  /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or plain milliseconds. */
  private static long duration(Lookup l, Key key, long dflt) {
    String raw = blankToNull(l.get(key));
    if (raw == null) {
      return dflt;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?").matcher(raw.toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(key.name() + " must be a duration such as 7d, 12h, 30m or milliseconds, got '" + raw + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "ms" : m.group(2)) {
      case "s" -> n * 1000;
      case "m" -> n * 60_000;
      case "h" -> n * 3_600_000;
      case "d" -> n * 86_400_000;
      default -> n;
    };
  }

  private static java.util.List<String> list(String raw) {
    return raw == null || raw.isBlank() ? java.util.List.of()
        : java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
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
