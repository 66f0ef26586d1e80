package io.ferry.engine.cluster;

import io.vertx.core.json.JsonObject;

/** Builds and reads the rate-limit notices, so their field names live in one place. */
final class RateLimitNotices {
  private RateLimitNotices() {
  }

  static Notice pause(String accountId, long until, String reason) {
    return new Notice(Notice.Kind.PAUSE, accountId, new JsonObject().put("until", until).put("reason", reason), null);
  }

  static long until(Notice n) {
    return n.data().getLong("until", 0L);
  }

  static Long remaining(Notice n) {
    return n.data().getLong("remaining");
  }

  static Long limit(Notice n) {
    return n.data().getLong("limit");
  }

  static Long resetAt(Notice n) {
    return n.data().getLong("reset_at");
  }
}
