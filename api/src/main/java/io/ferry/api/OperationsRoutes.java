package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.util.function.BooleanSupplier;

/** {@code /health} and {@code /ready}: the same checks on the API port and on the management port. */
final class OperationsRoutes {
  private OperationsRoutes() {
  }

  static void mountHealth(Vertx vertx, Router router, BooleanSupplier deployed) {
    HealthChecks checks = HealthChecks.create(vertx)
        .register("verticles", promise -> promise.complete(deployed.getAsBoolean() ? Status.OK() : Status.KO()))
        .register("store", 2000, promise -> vertx.eventBus().request(Addresses.STORE_PING, "ping",
            new DeliveryOptions(Bus.LOCAL).setSendTimeout(2000)).onComplete(ar -> promise.complete(ar.succeeded() ? Status.OK() : Status.KO())));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(checks));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(checks));
  }
}
