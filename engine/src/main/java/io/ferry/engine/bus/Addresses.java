package io.ferry.engine.bus;

import io.ferry.engine.core.Principal;
/** Every event-bus address Ferry uses, general to specific. Never type an address anywhere else. */
public final class Addresses {
  private Addresses() {
  }

  /** {@link ApiCall} with the raw bearer token as id → {@link Principal}. */
  public static final String AUTH_RESOLVE = "ferry.auth.resolve";
  /** {@link ApiCall}: environments and API tokens. */
  public static final String ADMIN = "ferry.admin";
  /** {@link ApiCall}: integrations. */
  public static final String INTEGRATION = "ferry.integration";
  /** {@link ApiCall}: environment integrations (installs). */
  public static final String ENVIRONMENT_INTEGRATION = "ferry.environment-integration";
  /** {@link ApiCall}: integrated accounts. */
  public static final String ACCOUNT = "ferry.account";
  /** Published {@link AccountEvent}s (created, active, needs_reauth, ...). */
  public static final String ACCOUNT_EVENTS = "ferry.account.events";
  /** {@code InterpretCall} → {@code PlannedRequest}: the exact upstream request for a method call. */
  public static final String INTERPRETER_BUILD_REQUEST = "ferry.interpreter.build-request";
  /** {@code InterpretResponse} → {@code ResponseDecision}: records, next cursor, rate-limit and error decisions. */
  public static final String INTERPRETER_READ_RESPONSE = "ferry.interpreter.read-response";
  /** {@code ExplainCall} → JSON: the exact request a call would send (secrets masked) and where each part came from. */
  public static final String INTERPRETER_EXPLAIN = "ferry.interpreter.explain";
  /** {@code ProxyCall} → {@code ProxyResult}: one call through {@code /proxy}. */
  public static final String PROXY_CALL = "ferry.proxy.call";
  /** {@link ApiCall}: refresh-credentials and run-post-install-actions for an account. */
  public static final String PROXY_ACCOUNT_ACTIONS = "ferry.proxy.account-actions";
  /** {@link ApiCall}: the customer's webhooks (CRUD, test, deliveries). */
  public static final String WEBHOOK = "ferry.webhook";
  /** Any message: events were committed to the outbox, deliver soon. */
  public static final String WEBHOOK_OUTBOX_WAKE = "ferry.webhook.outbox.wake";
  /** {@code InboundCall} → {@code InboundReply}: a third-party webhook to verify, transform and enqueue. */
  public static final String WEBHOOK_INBOUND = "ferry.webhook.inbound";
  /** {@link ApiCall}: dry-run an integration's webhook config against a sample request. */
  public static final String WEBHOOK_CONFIG_TEST = "ferry.webhook.config-test";
  /** {@link ApiCall}: store health probe. */
  public static final String STORE_PING = "ferry.store.ping";
  /** {@link ApiCall}: cluster membership ({@code GET /cluster}). */
  public static final String CLUSTER = "ferry.cluster";
  /** Published {@code Notice}: a committed change on this node that the other nodes must hear of. */
  public static final String CLUSTER_ANNOUNCE = "ferry.cluster.announce";
  /** Published {@code Notice} (account, install, integration, api token, all): caches drop the entry. */
  public static final String CLUSTER_INVALIDATE = "ferry.cluster.invalidate";
  /** Published {@code Notice} (pause, quota) from another node: the account's proxy shard applies it. */
  public static final String CLUSTER_RATE_LIMITS = "ferry.cluster.rate-limits";
  /** {@link ApiCall}: unified models, mappings, environment mappings and accounts' unified_model_override. */
  public static final String UNIFIED = "ferry.unified";

  /**
   * Published {@link TokenInvalidation}: drop cached principals of this token now (revocation).
   * Every principal cache on the node listens; a cluster NOTIFY listener can publish the same message locally.
   */
  public static final String AUTH_INVALIDATE = "ferry.auth.invalidate";
  /** {@link ApiCall}: the audit log of admin writes (list) and {@code AuditEntry} records (record). */
  public static final String AUDIT = "ferry.audit";
  /** {@link ApiCall}: create a link token ({@code POST /link-token}). */
  public static final String LINK_TOKEN = "ferry.link-token";
  /** {@code ConnectCall} → {@code ConnectReply}: the hosted connect pages and the OAuth callback. */
  public static final String CONNECT = "ferry.connect";
  /** {@link ApiCall}: MCP servers of an integrated account (create, list, get, delete). */
  public static final String MCP = "ferry.mcp";
}
