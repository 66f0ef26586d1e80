package io.ferry.engine.cluster;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.bus.TokenInvalidation;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.function.Consumer;

/**
 * One-line registrations for the owners of caches: each drops its own entries when this node or another one changes
 * the underlying rows. Register from the owning verticle's start so the drop runs on its event loop.
 */
public final class Invalidations {
  private Invalidations() {
  }

  /** Accounts: an account notice drops that account; an install, integration or "all" notice drops every account. */
  public static MessageConsumer<Notice> accounts(Vertx vertx, Consumer<String> dropOne, Runnable dropAll) {
    return vertx.eventBus().localConsumer(Addresses.CLUSTER_INVALIDATE, m -> {
      switch (m.body().kind()) {
        case ACCOUNT -> dropOne.accept(m.body().id());
        case INSTALL, INTEGRATION, ALL -> dropAll.run();
        default -> {
          // not about accounts
        }
      }
    });
  }

  /**
   * Unified definitions: another node's unified notice, or an "all" notice, reloads them. This node's own notice is
   * skipped: the writing verticle reloaded before announcing.
   */
  public static MessageConsumer<Notice> unified(Vertx vertx, Runnable reload) {
    return vertx.eventBus().localConsumer(Addresses.CLUSTER_INVALIDATE, m -> {
      if (m.body().kind() == Notice.Kind.ALL || (m.body().kind() == Notice.Kind.UNIFIED && m.body().origin() != null)) {
        reload.run();
      }
    });
  }

  /**
   * API tokens: the principal caches listen on {@link Addresses#AUTH_INVALIDATE} only (the revoking node publishes
   * there itself); this bridge turns another node's token notice (on PostgreSQL the {@code api_token} trigger's) into
   * the same message, and an "all" notice into "forget every token". Registered once, by the cluster verticle.
   */
  public static MessageConsumer<Notice> apiTokens(Vertx vertx) {
    return vertx.eventBus().localConsumer(Addresses.CLUSTER_INVALIDATE, m -> {
      if (m.body().kind() == Notice.Kind.API_TOKEN || m.body().kind() == Notice.Kind.ALL) {
        String tokenId = m.body().kind() == Notice.Kind.API_TOKEN ? m.body().id() : null;
        vertx.eventBus().publish(Addresses.AUTH_INVALIDATE, new TokenInvalidation(tokenId), Bus.LOCAL);
      }
    });
  }
}
