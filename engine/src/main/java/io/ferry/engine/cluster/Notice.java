package io.ferry.engine.cluster;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One cluster notification: what changed ({@link Kind} + id) plus a small JSON payload, and the node it came from.
 * Travels as a PostgreSQL NOTIFY payload (kept far below PostgreSQL's 8000-byte limit: ids and numbers only) and as a
 * local event-bus message. {@code seq} numbers the notices a node waits to see acknowledged (0: none).
 */
public record Notice(Kind kind, String id, JsonObject data, String origin, long seq) {

  public enum Kind {
    /** An integrated account was written or deleted: drop it from caches. */
    ACCOUNT,
    /** An environment integration changed: accounts embed it, drop them. */
    INSTALL,
    /** An integration changed: accounts embed it, drop them. */
    INTEGRATION,
    /** Unified models or mappings changed (admin API): reload the unified definitions. */
    UNIFIED,
    /** An API token was created, revoked or expired: drop cached principals. */
    API_TOKEN,
    /** This node may have missed notifications (channel lost and regained): drop every cache. */
    ALL,
    /** An account is rate limited until {@code data.until} (epoch ms) because of {@code data.reason}. */
    PAUSE,
    /** Remaining quota of an account seen upstream: {@code data.remaining, limit, reset_at}. */
    QUOTA,
    /** Node {@code origin} has applied notice {@code seq} of node {@code id}. */
    ACK;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Notice {
    data = data == null ? new JsonObject() : data;
  }

  public Notice(Kind kind, String id, JsonObject data, String origin) {
    this(kind, id, data, origin, 0);
  }

  public static Notice of(Kind kind, String id) {
    return new Notice(kind, id, null, null);
  }

  public Notice from(String node, long sequence) {
    return new Notice(kind, id, data, node, sequence);
  }

  public Notice from(String node) {
    return from(node, seq);
  }

  /** True for kinds that only drop cache entries (as opposed to rate-limit state). */
  public boolean isInvalidation() {
    return kind != Kind.PAUSE && kind != Kind.QUOTA && kind != Kind.ACK;
  }

  public String toWire() {
    JsonObject o = new JsonObject().put("k", kind.wire()).put("o", origin);
    if (id != null) {
      o.put("id", id);
    }
    if (!data.isEmpty()) {
      o.put("d", data);
    }
    if (seq != 0) {
      o.put("s", seq);
    }
    return o.encode();
  }

  /** The notice in {@code payload}, or null for anything else (another program's NOTIFY on the channel). */
  public static Notice fromWire(String payload) {
    try {
      JsonObject o = new JsonObject(payload);
      Kind kind = Kind.valueOf(o.getString("k", "").toUpperCase(java.util.Locale.ROOT));
      return new Notice(kind, o.getString("id"), o.getJsonObject("d"), o.getString("o"), o.getLong("s", 0L));
    } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
      return null;
    }
  }
}
