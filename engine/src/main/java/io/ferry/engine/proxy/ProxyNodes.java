package io.ferry.engine.proxy;

import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ProxyNode} of each running Ferry (one per Vertx instance), for {@link ProxyService#of(Vertx)}. */
final class ProxyNodes {
  private static final Map<Vertx, ProxyNode> NODES = new ConcurrentHashMap<>();

  private ProxyNodes() {
  }

  static void register(Vertx vertx, ProxyNode node) {
    NODES.put(vertx, node);
  }

  static void unregister(Vertx vertx, ProxyNode node) {
    NODES.remove(vertx, node);
  }

  static ProxyNode of(Vertx vertx) {
    return NODES.get(vertx);
  }
}
