package io.ferry.api.catalog;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One shipped unified mapping proven against its provider's simulator: the catalog case (routes, account import), the
 * unified model and resource (and the page size the provider honours for limit=2), the simulator's store behind it, unified bodies to create and update with, what the
 * provider must receive for each (its own body shape), and how an {@code updated_at[gt]} filter must reach it.
 */
record UnifiedCase(
    ProviderCase provider,
    String model,
    String resource,
    Function<Sim, SimStore> store,
    List<String> throttleKeys,
    JsonObject create,
    Consumer<JsonObject> providerCreateBody,
    JsonObject update,
    Consumer<JsonObject> providerUpdateBody,
    String updatedAfter,
    Predicate<String> providerFilter,
    boolean deletes,
    int pageSize) {

  String name() {
    return provider.integration() + " " + model + "." + resource;
  }
}
