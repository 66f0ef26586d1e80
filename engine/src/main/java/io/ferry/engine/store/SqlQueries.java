package io.ferry.engine.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All SQL Ferry runs, in one place. Named parameters ({@code #{name}}) go through SqlTemplate, which writes
 * {@code $n} for PostgreSQL and {@code ?} for H2, so each text serves both stores. Timestamps are epoch
 * milliseconds and JSON is text: both dialects agree on BIGINT and VARCHAR.
 */
public final class SqlQueries {
  private SqlQueries() {
  }

  public static final String CREATE_VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS ferry_schema_version (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)";
  public static final String CURRENT_VERSION = "SELECT MAX(version) FROM ferry_schema_version";

  /** Migration n (1-based) is element n-1. Never edit a released migration: append a new one. */
  public static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "CREATE TABLE team (id VARCHAR(36) PRIMARY KEY, name VARCHAR(200) NOT NULL,"
              + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE TABLE environment (id VARCHAR(36) PRIMARY KEY, team_id VARCHAR(36) NOT NULL REFERENCES team(id),"
              + " name VARCHAR(200) NOT NULL, is_default BOOLEAN NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE TABLE api_token (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " name VARCHAR(200) NOT NULL, token_hash VARCHAR(64) NOT NULL UNIQUE, is_admin BOOLEAN NOT NULL,"
              + " expires_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE TABLE integration (id VARCHAR(36) PRIMARY KEY, team_id VARCHAR(36) NOT NULL REFERENCES team(id),"
              + " name VARCHAR(200) NOT NULL, category VARCHAR(100), is_beta BOOLEAN NOT NULL, sharing VARCHAR(10) NOT NULL,"
              + " config VARCHAR NOT NULL, version INT NOT NULL, source VARCHAR(20) NOT NULL,"
              + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (team_id, name))",
          "CREATE TABLE environment_integration (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " integration_id VARCHAR(36) NOT NULL REFERENCES integration(id) ON DELETE CASCADE,"
              + " override VARCHAR NOT NULL, is_enabled BOOLEAN NOT NULL, show_in_catalog BOOLEAN NOT NULL,"
              + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (environment_id, integration_id))",
          "CREATE TABLE integrated_account (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " environment_integration_id VARCHAR(36) NOT NULL REFERENCES environment_integration(id) ON DELETE CASCADE,"
              + " tenant_id VARCHAR(255) NOT NULL, context VARCHAR NOT NULL, secrets VARCHAR, key_id VARCHAR(20),"
              + " status VARCHAR(32) NOT NULL, last_error VARCHAR, last_action_result VARCHAR,"
              + " is_sandbox BOOLEAN NOT NULL, authentication_method VARCHAR(40) NOT NULL, region VARCHAR(10) NOT NULL,"
              + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE INDEX integrated_account_env_created ON integrated_account (environment_id, created_at, id)"),
      List.of(
          "CREATE TABLE webhook (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " target_url VARCHAR(2048) NOT NULL, is_active BOOLEAN NOT NULL, event_types VARCHAR,"
              + " secret VARCHAR NOT NULL, failing_since BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE TABLE webhook_outbox (id VARCHAR(36) PRIMARY KEY,"
              + " webhook_id VARCHAR(36) NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,"
              + " event_id VARCHAR(36) NOT NULL, event VARCHAR(100) NOT NULL, body VARCHAR NOT NULL,"
              + " status VARCHAR(16) NOT NULL, attempts INT NOT NULL, next_attempt_at BIGINT NOT NULL,"
              + " claim VARCHAR(80), claimed_until BIGINT, last_error VARCHAR, created_at BIGINT NOT NULL, delivered_at BIGINT)",
          "CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_attempt_at)",
          "CREATE TABLE webhook_delivery (id VARCHAR(36) PRIMARY KEY,"
              + " webhook_id VARCHAR(36) NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,"
              + " outbox_id VARCHAR(36), event_id VARCHAR(36), event VARCHAR(100), attempt INT NOT NULL, status_code INT,"
              + " error VARCHAR, duration_ms BIGINT, created_at BIGINT NOT NULL)",
          "CREATE INDEX webhook_delivery_recent ON webhook_delivery (webhook_id, created_at)"),
      List.of(
          "CREATE TABLE unified_model (id VARCHAR(36) PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE,"
              + " definition VARCHAR NOT NULL, source VARCHAR(20) NOT NULL, version INT NOT NULL,"
              + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE TABLE unified_mapping (id VARCHAR(36) PRIMARY KEY,"
              + " unified_model_id VARCHAR(36) NOT NULL REFERENCES unified_model(id) ON DELETE CASCADE,"
              + " resource_name VARCHAR(100) NOT NULL, integration_name VARCHAR(200) NOT NULL, method_name VARCHAR(100) NOT NULL,"
              + " config VARCHAR NOT NULL, source VARCHAR(20) NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
              + " UNIQUE (unified_model_id, resource_name, integration_name, method_name))",
          "CREATE TABLE environment_unified_mapping (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " unified_model_id VARCHAR(36) NOT NULL REFERENCES unified_model(id) ON DELETE CASCADE,"
              + " resource_name VARCHAR(100) NOT NULL, integration_name VARCHAR(200) NOT NULL, method_name VARCHAR(100) NOT NULL,"
              + " config VARCHAR NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
              + " UNIQUE (environment_id, unified_model_id, resource_name, integration_name, method_name))",
          "CREATE TABLE account_unified_override (integrated_account_id VARCHAR(36) PRIMARY KEY"
              + " REFERENCES integrated_account(id) ON DELETE CASCADE, override VARCHAR NOT NULL, updated_at BIGINT NOT NULL)"),
      // every filter of GET /integrated-account served by an index, keyset order included
      List.of(
          "CREATE INDEX integrated_account_env_tenant ON integrated_account (environment_id, tenant_id, created_at, id)",
          "CREATE INDEX integrated_account_env_status ON integrated_account (environment_id, status, created_at, id)",
          "CREATE INDEX integrated_account_install ON integrated_account (environment_integration_id, created_at, id)",
          // bulk import's idempotency key, when a line names one
          "ALTER TABLE integrated_account ADD COLUMN external_id VARCHAR(255)",
          "CREATE UNIQUE INDEX integrated_account_external ON integrated_account (environment_id, external_id)"),
      // proxy v2: account rows are versioned (optimistic concurrency)
      List.of("ALTER TABLE integrated_account ADD COLUMN version BIGINT DEFAULT 0 NOT NULL"),
      List.of(
          // webhooks v2: inbound delivery ids de-duplicated in the store (every node sees them), claim index, retention
          "CREATE TABLE webhook_inbound_seen (account_id VARCHAR(36) NOT NULL, delivery_id VARCHAR(255) NOT NULL,"
              + " expires_at BIGINT NOT NULL, PRIMARY KEY (account_id, delivery_id))",
          "CREATE INDEX webhook_inbound_seen_expiry ON webhook_inbound_seen (expires_at)",
          "CREATE INDEX webhook_outbox_claim ON webhook_outbox (claim)",
          "CREATE INDEX webhook_outbox_retention ON webhook_outbox (status, delivered_at)"),
      // security: the audit log of admin writes (no values, only who did what to which object when)
      List.of(
          "CREATE TABLE audit_log (id VARCHAR(36) PRIMARY KEY, team_id VARCHAR(36) NOT NULL, token_id VARCHAR(36) NOT NULL,"
              + " environment_id VARCHAR(36), action VARCHAR(40) NOT NULL, object_type VARCHAR(40) NOT NULL,"
              + " object_id VARCHAR(36), created_at BIGINT NOT NULL)",
          "CREATE INDEX audit_log_team_created ON audit_log (team_id, created_at, id)"),
      List.of(
          "CREATE TABLE link_token (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " token_hash VARCHAR(64) NOT NULL UNIQUE, tenant_id VARCHAR(255), environment_integration_id VARCHAR(36),"
              + " integrated_account_id VARCHAR(36), redirect_uri VARCHAR(2048), context VARCHAR, scopes VARCHAR,"
              + " region VARCHAR(10), expires_at BIGINT NOT NULL, used_at BIGINT, created_at BIGINT NOT NULL)",
          "CREATE TABLE connect_state (id VARCHAR(36) PRIMARY KEY,"
              + " link_token_id VARCHAR(36) NOT NULL REFERENCES link_token(id) ON DELETE CASCADE,"
              + " integration VARCHAR(200) NOT NULL, environment_integration_id VARCHAR(36) NOT NULL,"
              + " authentication_method VARCHAR(40) NOT NULL, context VARCHAR, popup BOOLEAN NOT NULL,"
              + " expires_at BIGINT NOT NULL, used_at BIGINT, created_at BIGINT NOT NULL)"),
      // MCP servers: one token (hashed) per server, narrowed to some of an account's tools
      List.of(
          "CREATE TABLE mcp_server (id VARCHAR(36) PRIMARY KEY,"
              + " environment_id VARCHAR(36) NOT NULL REFERENCES environment(id) ON DELETE CASCADE,"
              + " integrated_account_id VARCHAR(36) NOT NULL REFERENCES integrated_account(id) ON DELETE CASCADE,"
              + " name VARCHAR(200) NOT NULL, token_hash VARCHAR(64) NOT NULL UNIQUE, config VARCHAR NOT NULL,"
              + " expires_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
          "CREATE INDEX mcp_server_account ON mcp_server (integrated_account_id, created_at)"),
      // --- cluster: membership and shared rate-limit pauses ---
      List.of(
          "CREATE TABLE cluster_node (node_id VARCHAR(36) PRIMARY KEY, host VARCHAR(255), version VARCHAR(64),"
              + " started_at BIGINT NOT NULL, last_beat_at BIGINT NOT NULL)",
          "CREATE TABLE account_pause (account_id VARCHAR(36) PRIMARY KEY"
              + " REFERENCES integrated_account(id) ON DELETE CASCADE, until_at BIGINT NOT NULL, reason VARCHAR(200),"
              + " node_id VARCHAR(36), updated_at BIGINT NOT NULL)"));

  // --- teams, environments, tokens ---
  public static final String DEFAULT_ENVIRONMENT =
      "SELECT e.id, e.team_id FROM environment e WHERE e.is_default = TRUE";
  public static final String INSERT_TEAM =
      "INSERT INTO team (id, name, created_at, updated_at) VALUES (#{id}, #{name}, #{now}, #{now})";
  public static final String INSERT_ENVIRONMENT =
      "INSERT INTO environment (id, team_id, name, is_default, created_at, updated_at)"
          + " VALUES (#{id}, #{team_id}, #{name}, #{is_default}, #{now}, #{now})";
  public static final String ENVIRONMENT_BY_ID = "SELECT * FROM environment WHERE id = #{id} AND team_id = #{team_id}";
  public static final String UPDATE_ENVIRONMENT =
      "UPDATE environment SET name = #{name}, updated_at = #{now} WHERE id = #{id} AND team_id = #{team_id}";
  public static final String TEAM_BY_ID = "SELECT * FROM team WHERE id = #{id}";
  public static final String UPDATE_TEAM = "UPDATE team SET name = #{name}, updated_at = #{now} WHERE id = #{id}";
  public static final String ENVIRONMENTS_OF_TEAM = "SELECT * FROM environment WHERE team_id = #{team_id} ORDER BY created_at, id";
  public static final String INSERT_TOKEN =
      "INSERT INTO api_token (id, environment_id, name, token_hash, is_admin, expires_at, created_at, updated_at)"
          + " VALUES (#{id}, #{environment_id}, #{name}, #{token_hash}, #{is_admin}, #{expires_at}, #{now}, #{now})";
  public static final String TOKEN_BY_HASH =
      "SELECT t.id, t.environment_id, t.is_admin, t.expires_at, e.team_id FROM api_token t"
          + " JOIN environment e ON e.id = t.environment_id WHERE t.token_hash = #{token_hash}";
  public static final String ADMIN_TOKEN_COUNT = "SELECT COUNT(*) FROM api_token WHERE is_admin = TRUE";
  public static final String TOKENS_OF_ENVIRONMENT =
      "SELECT id, environment_id, name, expires_at, created_at, updated_at FROM api_token"
          + " WHERE environment_id = #{environment_id} ORDER BY created_at, id";

  // --- integrations ---
  private static final String INTEGRATION_VISIBLE = " team_id = #{team_id}";
  public static final String INTEGRATION_BY_ID = "SELECT * FROM integration WHERE id = #{id} AND" + INTEGRATION_VISIBLE;
  public static final String INTEGRATION_BY_NAME = "SELECT * FROM integration WHERE name = #{name} AND" + INTEGRATION_VISIBLE;
  public static final String INTEGRATIONS =
      "SELECT * FROM integration WHERE" + INTEGRATION_VISIBLE
          + " AND (CAST(#{name} AS VARCHAR) IS NULL OR name = #{name}) ORDER BY name, id";
  public static final String INSERT_INTEGRATION =
      "INSERT INTO integration (id, team_id, name, category, is_beta, sharing, config, version, source, created_at, updated_at)"
          + " VALUES (#{id}, #{team_id}, #{name}, #{category}, #{is_beta}, #{sharing}, #{config}, 1, #{source}, #{now}, #{now})";
  public static final String UPDATE_INTEGRATION =
      "UPDATE integration SET name = #{name}, category = #{category}, is_beta = #{is_beta}, sharing = #{sharing},"
          + " config = #{config}, version = version + 1, updated_at = #{now}"
          + " WHERE id = #{id} AND team_id = #{team_id} AND version = #{version}";
  public static final String DELETE_INTEGRATION = "DELETE FROM integration WHERE id = #{id} AND" + INTEGRATION_VISIBLE;

  // --- environment integrations ---
  private static final String EI_SELECT =
      "SELECT ei.*, i.name AS i_name, i.category AS i_category, i.is_beta AS i_is_beta, i.sharing AS i_sharing,"
          + " i.config AS i_config, i.team_id AS i_team_id, i.version AS i_version,"
          + " i.created_at AS i_created_at, i.updated_at AS i_updated_at"
          + " FROM environment_integration ei JOIN integration i ON i.id = ei.integration_id";
  public static final String EI_BY_ID = EI_SELECT + " WHERE ei.id = #{id} AND ei.environment_id = #{environment_id}";
  public static final String EI_BY_INTEGRATION =
      EI_SELECT + " WHERE ei.integration_id = #{integration_id} AND ei.environment_id = #{environment_id}";
  public static final String EIS =
      EI_SELECT + " WHERE ei.environment_id = #{environment_id}"
          + " AND (CAST(#{integration_id} AS VARCHAR) IS NULL OR ei.integration_id = #{integration_id})"
          + " AND (CAST(#{integration_name} AS VARCHAR) IS NULL OR i.name = #{integration_name})"
          + " AND (CAST(#{is_enabled} AS BOOLEAN) IS NULL OR ei.is_enabled = #{is_enabled})"
          + " ORDER BY ei.created_at, ei.id";
  public static final String INSERT_EI =
      "INSERT INTO environment_integration (id, environment_id, integration_id, override, is_enabled, show_in_catalog,"
          + " created_at, updated_at) VALUES (#{id}, #{environment_id}, #{integration_id}, #{override}, #{is_enabled},"
          + " #{show_in_catalog}, #{now}, #{now})";
  public static final String UPDATE_EI =
      "UPDATE environment_integration SET override = #{override}, is_enabled = #{is_enabled},"
          + " show_in_catalog = #{show_in_catalog}, updated_at = #{now} WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String DELETE_EI = "DELETE FROM environment_integration WHERE id = #{id} AND environment_id = #{environment_id}";

  // --- integrated accounts ---
  private static final String ACCOUNT_COLUMNS =
      "SELECT a.*, ei.override AS ei_override, ei.integration_id AS ei_integration_id, ei.is_enabled AS ei_is_enabled,"
          + " ei.show_in_catalog AS ei_show_in_catalog, ei.created_at AS ei_created_at, ei.updated_at AS ei_updated_at,"
          + " i.name AS i_name, i.category AS i_category, i.is_beta AS i_is_beta, i.sharing AS i_sharing,"
          + " i.team_id AS i_team_id, i.version AS i_version, i.created_at AS i_created_at, i.updated_at AS i_updated_at";
  private static final String ACCOUNT_JOINS =
      " FROM integrated_account a JOIN environment_integration ei ON ei.id = a.environment_integration_id"
          + " JOIN integration i ON i.id = ei.integration_id";
  private static final String ACCOUNT_SELECT = ACCOUNT_COLUMNS + ", i.config AS i_config" + ACCOUNT_JOINS;
  /**
   * A page's rows without the integration's config: every row of a page repeats it (4–7 KB each in the catalog), and
   * the config of a version already opened is in memory (see AccountParts); a page with one not yet opened is read
   * again with it ({@link #accounts}).
   */
  private static final String ACCOUNT_SELECT_NO_CONFIG = ACCOUNT_COLUMNS + ACCOUNT_JOINS;
  public static final String ACCOUNT_BY_ID = ACCOUNT_SELECT + " WHERE a.id = #{id} AND a.environment_id = #{environment_id}";
  public static final String ACCOUNT_BY_ID_ANY_ENV = ACCOUNT_SELECT + " WHERE a.id = #{id}";
  /** Filters of {@link #accounts}: parameter name → predicate; only the filters a caller sets are written. */
  private static final Map<String, String> ACCOUNT_FILTERS = orderedMap(
      "tenant_id", "a.tenant_id = #{tenant_id}",
      "status", "a.status = #{status}",
      "is_sandbox", "a.is_sandbox = #{is_sandbox}",
      "integration_name", "i.name = #{integration_name}",
      "environment_integration_id", "a.environment_integration_id = #{environment_integration_id}",
      "created_gt", "a.created_at > #{created_gt}",
      "created_lt", "a.created_at < #{created_lt}",
      "after_at", "a.created_at >= #{after_at} AND (a.created_at > #{after_at} OR (a.created_at = #{after_at} AND a.id > #{after_id}))");
  private static final Map<Set<String>, String> ACCOUNT_LISTS = new ConcurrentHashMap<>();

  /**
   * One page of an environment's accounts in keyset order, with only the filters present in {@code params} (a
   * non-null value): a fixed text with {@code (#{x} IS NULL OR ...)} for every filter would keep the planner of
   * either store from using the indexes below.
   */
  public static String accounts(Map<String, Object> params) {
    return accounts(params, true);
  }

  /** As {@link #accounts(Map)}, without the integration's config column when {@code withConfig} is false. */
  public static String accounts(Map<String, Object> params, boolean withConfig) {
    Set<String> present = new java.util.TreeSet<>();
    ACCOUNT_FILTERS.keySet().forEach(k -> {
      if (params.get(k) != null) {
        present.add(k);
      }
    });
    if (!withConfig) {
      present.add("-config");
    }
    return ACCOUNT_LISTS.computeIfAbsent(present, keys -> {
      StringBuilder sql = new StringBuilder(keys.contains("-config") ? ACCOUNT_SELECT_NO_CONFIG : ACCOUNT_SELECT)
          .append(" WHERE a.environment_id = #{environment_id}");
      keys.stream().filter(ACCOUNT_FILTERS::containsKey).forEach(k -> sql.append(" AND ").append(ACCOUNT_FILTERS.get(k)));
      // H2 reads a page straight off an index (no sort of every matching row) only when ORDER BY names that index's
      // columns from the first, and it prefers the single-column foreign-key indexes unless a range on created_at
      // makes the composite one cheaper: both are spelled out. Neither changes the result or PostgreSQL's plan.
      sql.append(" AND a.created_at >= 0 ORDER BY ");
      if (keys.contains("tenant_id")) {
        sql.append("a.environment_id, a.tenant_id, ");
      } else if (keys.contains("status")) {
        sql.append("a.environment_id, a.status, ");
      } else if (keys.contains("environment_integration_id")) {
        sql.append("a.environment_integration_id, ");
      } else {
        sql.append("a.environment_id, ");
      }
      return sql.append("a.created_at, a.id LIMIT #{limit}").toString();
    });
  }

  /** PostgreSQL only: fresh planner statistics after a bulk load. */
  public static final String ANALYZE_ACCOUNTS = "ANALYZE integrated_account";
  /** PostgreSQL only: this transaction's statements are planned for their parameters, never generically. */
  public static final String CUSTOM_PLANS_IN_TRANSACTION = "SET LOCAL plan_cache_mode = force_custom_plan";

  /** The installs, in an environment, of the integration of a name: {@code integration.name} as an indexed filter. */
  public static final String INSTALLS_BY_INTEGRATION_NAME = "SELECT ei.id FROM environment_integration ei"
      + " JOIN integration i ON i.id = ei.integration_id WHERE ei.environment_id = #{environment_id} AND i.name = #{integration_name}";

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public static final String INSERT_ACCOUNT =
      "INSERT INTO integrated_account (id, environment_id, environment_integration_id, tenant_id, context, secrets, key_id,"
          + " status, last_error, last_action_result, is_sandbox, authentication_method, region, created_at, updated_at)"
          + " VALUES (#{id}, #{environment_id}, #{environment_integration_id}, #{tenant_id}, #{context}, #{secrets}, #{key_id},"
          + " #{status}, #{last_error}, #{last_action_result}, #{is_sandbox}, #{authentication_method}, #{region}, #{now}, #{now})";
  public static final String UPDATE_ACCOUNT =
      "UPDATE integrated_account SET tenant_id = #{tenant_id}, context = #{context}, secrets = #{secrets}, key_id = #{key_id},"
          + " status = #{status}, last_error = #{last_error}, last_action_result = #{last_action_result},"
          + " authentication_method = #{authentication_method}, updated_at = #{now}"
          + " WHERE id = #{id} AND environment_id = #{environment_id}";
  /** Bulk import: the account a line updates instead of creating, by its external id ... */
  public static final String ACCOUNT_BY_EXTERNAL_ID =
      "SELECT id FROM integrated_account WHERE environment_id = #{environment_id} AND external_id = #{external_id}";
  /** ... or else by tenant and install (the oldest, when a tenant has several). */
  public static final String ACCOUNT_BY_TENANT_AND_INSTALL =
      "SELECT id FROM integrated_account WHERE environment_id = #{environment_id} AND tenant_id = #{tenant_id}"
          + " AND environment_integration_id = #{environment_integration_id} ORDER BY created_at, id LIMIT 1";
  /** Bulk import: a new account with its external id, in one statement (batched per import batch). */
  public static final String INSERT_ACCOUNT_EXTERNAL =
      "INSERT INTO integrated_account (id, environment_id, environment_integration_id, tenant_id, context, secrets, key_id,"
          + " status, last_error, last_action_result, is_sandbox, authentication_method, region, created_at, updated_at,"
          + " external_id) VALUES (#{id}, #{environment_id}, #{environment_integration_id}, #{tenant_id}, #{context},"
          + " #{secrets}, #{key_id}, #{status}, #{last_error}, #{last_action_result}, #{is_sandbox}, #{authentication_method},"
          + " #{region}, #{now}, #{now}, #{external_id})";

  /**
   * PostgreSQL form of {@link #INSERT_ACCOUNT_EXTERNAL} for a whole batch: one statement over one array per column.
   * A batched statement is one execution per row (bind, executor start-up, result) on the server; this is one, and
   * PostgreSQL's CPU per bulk-imported account fell from 0.100 to 0.078 ms (100k lines, bench/run-accounts.sh; two
   * runs, before and after).
   */
  public static final String INSERT_ACCOUNTS_PG =
      "INSERT INTO integrated_account (id, environment_id, environment_integration_id, tenant_id, context, secrets, key_id,"
          + " status, last_error, last_action_result, is_sandbox, authentication_method, region, created_at, updated_at,"
          + " external_id) SELECT * FROM unnest(#{id}::varchar[], #{environment_id}::varchar[],"
          + " #{environment_integration_id}::varchar[], #{tenant_id}::varchar[], #{context}::varchar[], #{secrets}::varchar[],"
          + " #{key_id}::varchar[], #{status}::varchar[], #{last_error}::varchar[], #{last_action_result}::varchar[],"
          + " #{is_sandbox}::boolean[], #{authentication_method}::varchar[], #{region}::varchar[], #{now}::bigint[],"
          + " #{now}::bigint[], #{external_id}::varchar[])";

  /**
   * Bulk import: the accounts of these external ids ({@code #{k0}..#{k(n-1)}}), one read for a batch's lines. One
   * indexed point lookup per value, joined by UNION ALL: H2 uses an {@code IN (...)} list on an index's first column
   * only (and joins a VALUES table as the inner side), which scanned the environment's accounts for every batch.
   */
  public static String accountsByExternalIds(int n) {
    return pointLookups(n, "SELECT id, external_id FROM integrated_account WHERE environment_id = #{environment_id}"
        + " AND external_id = ");
  }

  /** Bulk import: an install's accounts of these tenants ({@code #{k0}..}), one read for a batch, as above. */
  public static String accountsByTenants(int n) {
    return pointLookups(n, "SELECT id, tenant_id, created_at FROM integrated_account WHERE environment_id = #{environment_id}"
        + " AND environment_integration_id = #{environment_integration_id} AND tenant_id = ");
  }

  private static String pointLookups(int n, String select) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " UNION ALL ").append(select).append("#{k").append(i).append('}');
    }
    return s.toString();
  }

  /**
   * PostgreSQL forms of the two reads above: one array parameter ({@code #{keys}}, {@code text[]}) instead of a
   * UNION ALL of point lookups, whose planning alone took 13–18 ms per 200-line batch (more than half of PostgreSQL's
   * time in a bulk load); {@code = ANY} on an array is one index scan and plans in microseconds.
   */
  public static final String ACCOUNTS_BY_EXTERNAL_IDS_PG =
      "SELECT id, external_id FROM integrated_account WHERE environment_id = #{environment_id} AND external_id = ANY(#{keys})";
  public static final String ACCOUNTS_BY_TENANTS_PG =
      "SELECT id, tenant_id, created_at FROM integrated_account WHERE environment_id = #{environment_id}"
          + " AND environment_integration_id = #{environment_integration_id} AND tenant_id = ANY(#{keys})";

  /** Bulk import: these accounts in full ({@code #{k0}..}), one read for the lines of a batch that update. */
  public static String accountsByIds(int n) {
    return ACCOUNT_SELECT + " WHERE a.environment_id = #{environment_id} AND a.id IN (" + inList(n) + ")";
  }

  /** PostgreSQL form of {@link #accountsByIds}: one array parameter ({@code #{keys}}), one plan whatever the count. */
  public static final String ACCOUNTS_BY_IDS_PG = ACCOUNT_SELECT + " WHERE a.environment_id = #{environment_id} AND a.id = ANY(#{keys})";

  /** {@code #{k0}, #{k1}, ...}: named parameters for an IN list of {@code n} values. */
  private static String inList(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ", ").append("#{k").append(i).append('}');
    }
    return s.toString();
  }
  public static final String SET_EXTERNAL_ID =
      "UPDATE integrated_account SET external_id = #{external_id} WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String ACCOUNTS_OF_INSTALL = ACCOUNT_SELECT + " WHERE a.environment_integration_id = #{environment_integration_id}";
  public static final String EI_ANY_ENV = "SELECT id, environment_id FROM environment_integration WHERE id = #{id}";
  public static final String DELETE_ACCOUNT = "DELETE FROM integrated_account WHERE id = #{id} AND environment_id = #{environment_id}";

  // --- outbound webhooks ---
  public static final String INSERT_WEBHOOK =
      "INSERT INTO webhook (id, environment_id, target_url, is_active, event_types, secret, created_at, updated_at)"
          + " VALUES (#{id}, #{environment_id}, #{target_url}, #{is_active}, #{event_types}, #{secret}, #{now}, #{now})";
  public static final String WEBHOOK_BY_ID = "SELECT * FROM webhook WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String WEBHOOK_BY_ID_ANY_ENV = "SELECT * FROM webhook WHERE id = #{id}";
  public static final String WEBHOOKS =
      "SELECT * FROM webhook WHERE environment_id = #{environment_id}"
          + " AND (CAST(#{is_active} AS BOOLEAN) IS NULL OR is_active = #{is_active}) ORDER BY created_at, id";
  public static final String ACTIVE_WEBHOOKS = "SELECT id, event_types FROM webhook WHERE environment_id = #{environment_id} AND is_active = TRUE";
  public static final String UPDATE_WEBHOOK =
      "UPDATE webhook SET target_url = #{target_url}, is_active = #{is_active}, event_types = #{event_types},"
          + " failing_since = #{failing_since}, updated_at = #{now} WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String DELETE_WEBHOOK = "DELETE FROM webhook WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String WEBHOOK_FAILING =
      "UPDATE webhook SET failing_since = COALESCE(failing_since, #{now}) WHERE id = #{id}";
  public static final String WEBHOOK_HEALTHY = "UPDATE webhook SET failing_since = NULL WHERE id = #{id} AND failing_since IS NOT NULL";
  public static final String WEBHOOK_DEACTIVATE = "UPDATE webhook SET is_active = FALSE, updated_at = #{now} WHERE id = #{id}";
  public static final String INSERT_OUTBOX =
      "INSERT INTO webhook_outbox (id, webhook_id, event_id, event, body, status, attempts, next_attempt_at, created_at)"
          + " VALUES (#{id}, #{webhook_id}, #{event_id}, #{event}, #{body}, 'pending', 0, #{now}, #{now})";
  /** Claims due rows with a lease: a crashed node's claims expire and the rows are claimed again. */
  public static final String CLAIM_OUTBOX =
      "UPDATE webhook_outbox SET claim = #{claim}, claimed_until = #{until} WHERE id IN (SELECT id FROM webhook_outbox"
          + " WHERE status = 'pending' AND next_attempt_at <= #{now} AND (claimed_until IS NULL OR claimed_until < #{now})"
          + " ORDER BY next_attempt_at LIMIT #{limit}) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < #{now})";
  public static final String CLAIMED =
      "SELECT o.id, o.webhook_id, o.event_id, o.event, o.body, o.attempts, o.created_at, w.target_url, w.secret, w.is_active,"
          + " w.failing_since FROM webhook_outbox o JOIN webhook w ON w.id = o.webhook_id WHERE o.claim = #{claim}";
  public static final String OUTBOX_DELIVERED =
      "UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = #{now}, claim = NULL,"
          + " claimed_until = NULL, last_error = NULL WHERE id = #{id}";
  public static final String OUTBOX_RETRY =
      "UPDATE webhook_outbox SET status = #{status}, attempts = attempts + 1, next_attempt_at = #{next}, claim = NULL,"
          + " claimed_until = NULL, last_error = #{error} WHERE id = #{id}";
  public static final String RELEASE_CLAIMS =
      "UPDATE webhook_outbox SET claim = NULL, claimed_until = NULL WHERE claim LIKE #{prefix} AND status = 'pending'";
  public static final String OUTBOX_DEPTH = "SELECT COUNT(*) FROM webhook_outbox WHERE status = 'pending'";
  public static final String INSERT_DELIVERY =
      "INSERT INTO webhook_delivery (id, webhook_id, outbox_id, event_id, event, attempt, status_code, error, duration_ms, created_at)"
          + " VALUES (#{id}, #{webhook_id}, #{outbox_id}, #{event_id}, #{event}, #{attempt}, #{status_code}, #{error}, #{duration_ms}, #{now})";
  public static final String DELIVERIES =
      "SELECT * FROM webhook_delivery WHERE webhook_id = #{webhook_id} ORDER BY created_at DESC, id DESC LIMIT #{limit}";

  // --- webhooks v2 ---
  /** PostgreSQL: 1 row when the id is new (or its earlier record expired), 0 when it is a redelivery; waits for a concurrent holder. */
  public static final String SEEN_INSERT_PG =
      "INSERT INTO webhook_inbound_seen (account_id, delivery_id, expires_at) VALUES (#{account_id}, #{delivery_id}, #{expires_at})"
          + " ON CONFLICT (account_id, delivery_id) DO UPDATE SET expires_at = EXCLUDED.expires_at"
          + " WHERE webhook_inbound_seen.expires_at < #{now}";
  public static final String SEEN_GET =
      "SELECT expires_at FROM webhook_inbound_seen WHERE account_id = #{account_id} AND delivery_id = #{delivery_id}";
  public static final String SEEN_INSERT =
      "INSERT INTO webhook_inbound_seen (account_id, delivery_id, expires_at) VALUES (#{account_id}, #{delivery_id}, #{expires_at})";
  public static final String SEEN_RENEW =
      "UPDATE webhook_inbound_seen SET expires_at = #{expires_at} WHERE account_id = #{account_id} AND delivery_id = #{delivery_id}";
  public static final String SEEN_EXPIRE = "DELETE FROM webhook_inbound_seen WHERE expires_at < #{now}";
  /** PostgreSQL: rows another node holds are skipped, not waited for; a crashed node's claims expire with their lease. */
  public static final String CLAIM_OUTBOX_PG =
      "UPDATE webhook_outbox SET claim = #{claim}, claimed_until = #{until} WHERE id IN (SELECT id FROM webhook_outbox"
          + " WHERE status = 'pending' AND next_attempt_at <= #{now} AND (claimed_until IS NULL OR claimed_until < #{now})"
          + " ORDER BY next_attempt_at LIMIT #{limit} FOR UPDATE SKIP LOCKED)";
  /** State changes hold only while the claim is still ours: a node whose lease expired changes nothing. */
  public static final String OUTBOX_DELIVERED_CLAIMED =
      "UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = #{now}, claim = NULL,"
          + " claimed_until = NULL, last_error = NULL WHERE id = #{id} AND claim = #{claim} AND status = 'pending'";
  public static final String OUTBOX_RETRY_CLAIMED =
      "UPDATE webhook_outbox SET status = #{status}, attempts = attempts + 1, next_attempt_at = #{next}, claim = NULL,"
          + " claimed_until = NULL, last_error = #{error} WHERE id = #{id} AND claim = #{claim} AND status = 'pending'";
  /** The embedded store is single-process: at start every claim belongs to a dead process. */
  public static final String RELEASE_ALL_CLAIMS =
      "UPDATE webhook_outbox SET claim = NULL, claimed_until = NULL WHERE claim IS NOT NULL AND status = 'pending'";
  public static final String OUTBOX_RETENTION =
      "DELETE FROM webhook_outbox WHERE status = 'delivered' AND delivered_at < #{before}";
  public static final String OUTBOX_REDELIVER =
      "UPDATE webhook_outbox SET status = 'pending', attempts = 0, next_attempt_at = #{now}, claim = NULL, claimed_until = NULL"
          + " WHERE webhook_id = #{webhook_id} AND created_at >= #{from} AND created_at < #{to}"
          + " AND (status <> 'pending' OR claimed_until IS NULL OR claimed_until < #{now})";
  public static final String DELIVERY_BY_ID =
      "SELECT d.id, d.outbox_id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id"
          + " WHERE d.id = #{id} AND w.environment_id = #{environment_id}";
  public static final String OUTBOX_RETRY_ONE =
      "UPDATE webhook_outbox SET status = 'pending', attempts = 0, next_attempt_at = #{now}, claim = NULL, claimed_until = NULL"
          + " WHERE id = #{id} AND (status <> 'pending' OR claimed_until IS NULL OR claimed_until < #{now})";
  public static final String ACCOUNT_IDS_OF_INSTALL =
      "SELECT id, environment_id FROM integrated_account WHERE environment_integration_id = #{environment_integration_id}";
  public static final String ACCOUNT_IDS_OF_INTEGRATION =
      "SELECT a.id, a.environment_id FROM integrated_account a JOIN environment_integration ei ON ei.id = a.environment_integration_id"
          + " WHERE ei.integration_id = #{integration_id}";

  // --- unified API ---
  public static final String UNIFIED_MODELS = "SELECT * FROM unified_model ORDER BY name";
  public static final String INSERT_UNIFIED_MODEL =
      "INSERT INTO unified_model (id, name, definition, source, version, created_at, updated_at)"
          + " VALUES (#{id}, #{name}, #{definition}, #{source}, 1, #{now}, #{now})";
  public static final String UPDATE_UNIFIED_MODEL =
      "UPDATE unified_model SET name = #{name}, definition = #{definition}, source = #{source}, version = version + 1,"
          + " updated_at = #{now} WHERE id = #{id} AND version = #{version}";
  public static final String DELETE_UNIFIED_MODEL = "DELETE FROM unified_model WHERE id = #{id}";
  public static final String UNIFIED_MAPPINGS = "SELECT * FROM unified_mapping ORDER BY unified_model_id, resource_name,"
      + " integration_name, method_name";
  public static final String INSERT_UNIFIED_MAPPING =
      "INSERT INTO unified_mapping (id, unified_model_id, resource_name, integration_name, method_name, config, source,"
          + " created_at, updated_at) VALUES (#{id}, #{unified_model_id}, #{resource_name}, #{integration_name},"
          + " #{method_name}, #{config}, #{source}, #{now}, #{now})";
  public static final String UPDATE_UNIFIED_MAPPING =
      "UPDATE unified_mapping SET config = #{config}, source = #{source}, updated_at = #{now} WHERE id = #{id}";
  public static final String DELETE_UNIFIED_MAPPING = "DELETE FROM unified_mapping WHERE id = #{id}";
  public static final String ENV_UNIFIED_MAPPINGS = "SELECT * FROM environment_unified_mapping ORDER BY environment_id,"
      + " unified_model_id, resource_name, integration_name, method_name";
  public static final String INSERT_ENV_UNIFIED_MAPPING =
      "INSERT INTO environment_unified_mapping (id, environment_id, unified_model_id, resource_name, integration_name,"
          + " method_name, config, created_at, updated_at) VALUES (#{id}, #{environment_id}, #{unified_model_id},"
          + " #{resource_name}, #{integration_name}, #{method_name}, #{config}, #{now}, #{now})";
  public static final String UPDATE_ENV_UNIFIED_MAPPING =
      "UPDATE environment_unified_mapping SET config = #{config}, updated_at = #{now} WHERE id = #{id}"
          + " AND environment_id = #{environment_id}";
  public static final String DELETE_ENV_UNIFIED_MAPPING =
      "DELETE FROM environment_unified_mapping WHERE id = #{id} AND environment_id = #{environment_id}";
  public static final String ACCOUNT_UNIFIED_OVERRIDE =
      "SELECT override FROM account_unified_override WHERE integrated_account_id = #{id}";
  public static final String DELETE_ACCOUNT_UNIFIED_OVERRIDE =
      "DELETE FROM account_unified_override WHERE integrated_account_id = #{id}";
  public static final String INSERT_ACCOUNT_UNIFIED_OVERRIDE =
      "INSERT INTO account_unified_override (integrated_account_id, override, updated_at) VALUES (#{id}, #{override}, #{now})";

  // --- proxy v2: versioned accounts, token refresh under a row lock ---
  /** Writes only over the version it was based on; 0 rows = another writer won (or the row is gone). */
  public static final String UPDATE_ACCOUNT_VERSIONED =
      "UPDATE integrated_account SET tenant_id = #{tenant_id}, context = #{context}, secrets = #{secrets}, key_id = #{key_id},"
          + " status = #{status}, last_error = #{last_error}, last_action_result = #{last_action_result},"
          + " authentication_method = #{authentication_method}, updated_at = #{now}, version = version + 1"
          + " WHERE id = #{id} AND environment_id = #{environment_id} AND version = #{version}";
  /** PostgreSQL only: the account row locked for a token refresh (the joins' rows are not locked). */
  public static final String ACCOUNT_FOR_UPDATE = ACCOUNT_SELECT + " WHERE a.id = #{id} FOR UPDATE OF a";
  /** PostgreSQL only: how long a refresh waits for another node's refresh of the same account. */
  public static final String TOKEN_LOCK_TIMEOUT = "SET LOCAL lock_timeout = '20s'";

  // --- security: tokens, audit log ---
  public static final String TOKEN_BY_ID =
      "SELECT t.id, t.environment_id, t.name, t.is_admin, t.expires_at, t.created_at, t.updated_at FROM api_token t"
          + " JOIN environment e ON e.id = t.environment_id WHERE t.id = #{id} AND e.team_id = #{team_id}";
  public static final String TOKENS_OF_TEAM =
      "SELECT t.id, t.environment_id, t.name, t.expires_at, t.created_at, t.updated_at FROM api_token t"
          + " JOIN environment e ON e.id = t.environment_id WHERE e.team_id = #{team_id}"
          + " AND (CAST(#{environment_id} AS VARCHAR) IS NULL OR t.environment_id = #{environment_id}) ORDER BY t.created_at, t.id";
  public static final String DELETE_TOKEN = "DELETE FROM api_token WHERE id = #{id} AND is_admin = FALSE";
  public static final String INSERT_AUDIT =
      "INSERT INTO audit_log (id, team_id, token_id, environment_id, action, object_type, object_id, created_at)"
          + " VALUES (#{id}, #{team_id}, #{token_id}, #{environment_id}, #{action}, #{object_type}, #{object_id}, #{now})";
  public static final String AUDIT_LOG =
      "SELECT * FROM audit_log WHERE team_id = #{team_id}"
          + " AND (CAST(#{token_id} AS VARCHAR) IS NULL OR token_id = #{token_id})"
          + " AND (CAST(#{action} AS VARCHAR) IS NULL OR action = #{action})"
          + " AND (CAST(#{object_type} AS VARCHAR) IS NULL OR object_type = #{object_type})"
          + " AND (CAST(#{object_id} AS VARCHAR) IS NULL OR object_id = #{object_id})"
          + " AND (CAST(#{created_gt} AS BIGINT) IS NULL OR created_at > #{created_gt})"
          + " AND (CAST(#{created_lt} AS BIGINT) IS NULL OR created_at < #{created_lt})"
          + " AND (CAST(#{after_at} AS BIGINT) IS NULL OR created_at > #{after_at}"
          + " OR (created_at = #{after_at} AND id > #{after_id}))"
          + " ORDER BY created_at, id LIMIT #{limit}";
  // key rotation: every sealed column, read and rewritten row by row
  public static final String SEALED_ACCOUNTS = "SELECT id, secrets FROM integrated_account WHERE secrets IS NOT NULL";
  public static final String RESEAL_ACCOUNT = "UPDATE integrated_account SET secrets = #{sealed}, key_id = #{key_id} WHERE id = #{id}";
  public static final String SEALED_WEBHOOKS = "SELECT id, secret FROM webhook";
  public static final String RESEAL_WEBHOOK = "UPDATE webhook SET secret = #{sealed} WHERE id = #{id}";
  public static final String INTEGRATION_CONFIGS = "SELECT id, config FROM integration";
  public static final String RESEAL_INTEGRATION = "UPDATE integration SET config = #{config} WHERE id = #{id}";
  public static final String INSTALL_OVERRIDES = "SELECT id, override FROM environment_integration";
  public static final String RESEAL_INSTALL = "UPDATE environment_integration SET override = #{override} WHERE id = #{id}";

  // --- connect flow (link tokens, OAuth state) ---
  public static final String INSERT_LINK_TOKEN =
      "INSERT INTO link_token (id, environment_id, token_hash, tenant_id, environment_integration_id, integrated_account_id,"
          + " redirect_uri, context, scopes, region, expires_at, created_at) VALUES (#{id}, #{environment_id}, #{token_hash},"
          + " #{tenant_id}, #{environment_integration_id}, #{integrated_account_id}, #{redirect_uri}, #{context}, #{scopes},"
          + " #{region}, #{expires_at}, #{now})";
  public static final String LINK_TOKEN_BY_HASH = "SELECT * FROM link_token WHERE token_hash = #{token_hash}";
  public static final String LINK_TOKEN_BY_ID = "SELECT * FROM link_token WHERE id = #{id}";
  /** Single use: only one caller can turn used_at from null, and only before expiry. */
  public static final String USE_LINK_TOKEN =
      "UPDATE link_token SET used_at = #{now} WHERE id = #{id} AND used_at IS NULL AND expires_at > #{now}";
  public static final String INSERT_CONNECT_STATE =
      "INSERT INTO connect_state (id, link_token_id, integration, environment_integration_id, authentication_method, context,"
          + " popup, expires_at, created_at) VALUES (#{id}, #{link_token_id}, #{integration}, #{environment_integration_id},"
          + " #{authentication_method}, #{context}, #{popup}, #{expires_at}, #{now})";
  public static final String CONNECT_STATE_BY_ID = "SELECT * FROM connect_state WHERE id = #{id}";
  public static final String USE_CONNECT_STATE = "UPDATE connect_state SET used_at = #{now} WHERE id = #{id} AND used_at IS NULL";
  /** Housekeeping: states and link tokens long past expiry (an expired link still answers 410 for 30 days). */
  public static final String DELETE_OLD_LINK_TOKENS = "DELETE FROM link_token WHERE expires_at < #{before}";
  public static final String DELETE_OLD_CONNECT_STATES = "DELETE FROM connect_state WHERE expires_at < #{before}";

  // --- mcp servers ---
  public static final String INSERT_MCP_SERVER =
      "INSERT INTO mcp_server (id, environment_id, integrated_account_id, name, token_hash, config, expires_at, created_at, updated_at)"
          + " VALUES (#{id}, #{environment_id}, #{integrated_account_id}, #{name}, #{token_hash}, #{config}, #{expires_at}, #{now}, #{now})";
  private static final String MCP_SERVER_COLUMNS =
      "SELECT id, environment_id, integrated_account_id, name, config, expires_at, created_at, updated_at FROM mcp_server";
  public static final String MCP_SERVERS_OF_ACCOUNT = MCP_SERVER_COLUMNS
      + " WHERE integrated_account_id = #{integrated_account_id} AND environment_id = #{environment_id} ORDER BY created_at, id";
  public static final String MCP_SERVER_BY_ID = MCP_SERVER_COLUMNS
      + " WHERE id = #{id} AND integrated_account_id = #{integrated_account_id} AND environment_id = #{environment_id}";
  public static final String MCP_SERVER_BY_TOKEN_HASH = MCP_SERVER_COLUMNS + " WHERE token_hash = #{token_hash}";
  public static final String UPDATE_MCP_SERVER =
      "UPDATE mcp_server SET name = #{name}, config = #{config}, expires_at = #{expires_at}, updated_at = #{now}"
          + " WHERE id = #{id} AND integrated_account_id = #{integrated_account_id} AND environment_id = #{environment_id}";
  public static final String DELETE_MCP_SERVER =
      "DELETE FROM mcp_server WHERE id = #{id} AND integrated_account_id = #{integrated_account_id} AND environment_id = #{environment_id}";
  public static final String DELETE_EXPIRED_MCP_SERVERS = "DELETE FROM mcp_server WHERE expires_at IS NOT NULL AND expires_at <= #{now}";
  // --- cluster ---
  /** PostgreSQL only: a notification for the other nodes, sent when the surrounding transaction commits. */
  public static final String CLUSTER_NOTIFY = "SELECT pg_notify(#{channel}, #{payload})";
  public static final String NODE_INSERT =
      "INSERT INTO cluster_node (node_id, host, version, started_at, last_beat_at)"
          + " VALUES (#{node_id}, #{host}, #{version}, #{started_at}, #{now})";
  public static final String NODE_BEAT = "UPDATE cluster_node SET last_beat_at = #{now} WHERE node_id = #{node_id}";
  public static final String NODE_LEAVE = "DELETE FROM cluster_node WHERE node_id = #{node_id}";
  /** Nodes silent for a long time are forgotten (a crashed node never says goodbye). */
  public static final String NODES_PRUNE = "DELETE FROM cluster_node WHERE last_beat_at < #{before}";
  public static final String NODES_LIVE =
      "SELECT node_id, host, version, started_at, last_beat_at FROM cluster_node WHERE last_beat_at >= #{since}"
          + " ORDER BY started_at, node_id";
  /** PostgreSQL only (pauses are shared only there): a pause never shortens one already recorded. */
  public static final String PAUSE_UPSERT =
      "INSERT INTO account_pause (account_id, until_at, reason, node_id, updated_at)"
          + " VALUES (#{account_id}, #{until}, #{reason}, #{node_id}, #{now}) ON CONFLICT (account_id) DO UPDATE"
          + " SET until_at = EXCLUDED.until_at, reason = EXCLUDED.reason, node_id = EXCLUDED.node_id,"
          + " updated_at = EXCLUDED.updated_at WHERE account_pause.until_at < EXCLUDED.until_at";
  public static final String PAUSES_ACTIVE = "SELECT account_id, until_at, reason FROM account_pause WHERE until_at > #{now}";
  public static final String PAUSES_PRUNE = "DELETE FROM account_pause WHERE until_at < #{before}";
  /** PostgreSQL only: the trigger is in place (created by an earlier start; re-creating it would lock api_token). */
  public static final String API_TOKEN_TRIGGER_EXISTS =
      "SELECT 1 FROM pg_trigger WHERE tgname = 'ferry_api_token_changed' AND tgrelid = 'api_token'::regclass";
  /**
   * PostgreSQL only, run at start unless present ({@code %s} is the channel): a changed or deleted API token
   * notifies every node from inside the transaction that changes it, whichever code (or operator's SQL) made it.
   */
  public static final String API_TOKEN_TRIGGER = "CREATE OR REPLACE FUNCTION ferry_api_token_changed() RETURNS trigger"
      + " LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify(TG_ARGV[0], json_build_object('k', 'api_token', 'id', OLD.id,"
      + " 'o', 'database')::text); RETURN NULL; END $$;"
      + " DROP TRIGGER IF EXISTS ferry_api_token_changed ON api_token;"
      + " CREATE TRIGGER ferry_api_token_changed AFTER UPDATE OR DELETE ON api_token FOR EACH ROW"
      + " EXECUTE FUNCTION ferry_api_token_changed('%s')";
}
