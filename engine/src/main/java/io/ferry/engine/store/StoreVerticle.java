package io.ferry.engine.store;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Brings the store up: applies migrations, then answers health probes. Deployed first. */
public final class StoreVerticle extends VerticleBase {

  private final Database db;

  public StoreVerticle(Database db) {
    this.db = db;
  }

  @Override
  public Future<?> start() {
    return Migrations.migrate(db)
        .andThen(ar -> db.startUpkeep())
        .compose(v -> Bus.<Object, Boolean>serve(vertx, Addresses.STORE_PING, any -> db.ping()
            // an expected answer while the database is away (every probe asks): no stack trace per probe
            .recover(e -> Future.failedFuture(new FerryFailure(ErrorCode.UNAVAILABLE, "store unreachable: " + e.getMessage()))))
            .completion());
  }
}
