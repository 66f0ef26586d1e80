package io.ferry.api.catalog;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One catalog integration proven end to end: how its simulator behaves (routes written from the provider's public
 * docs), how an account is imported, which resources to page through and get, the path whose first call is
 * throttled, and optionally a signed webhook.
 */
record ProviderCase(
    String integration,
    BiConsumer<Router, Sim> routes,
    String authMethod,
    Function<String, JsonObject> context,
    Function<String, JsonObject> override,
    List<String> resources,
    List<String> getIds,
    String throttledPath,
    boolean throttleRecovers,
    BiFunction<String, String, Webhook> webhook) {

  /**
   * A signed third-party webhook (given the account and install ids): where it goes, headers, raw body, and the
   * Ferry event it must produce; optionally a handshake to answer first (headers sent, header expected back).
   */
  record Webhook(String path, JsonObject headers, String body, String expectedEvent, JsonObject handshake, String echoedHeader) {
    Webhook(String path, JsonObject headers, String body, String expectedEvent) {
      this(path, headers, body, expectedEvent, null, null);
    }
  }
}
