package io.ferry.api;

import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("permissions on PostgreSQL")
class PostgresSecurityPermissionsTest extends SecurityPermissionsTest {
  @Override
  io.ferry.engine.config.FerryOptions options() {
    return FerryServer.options(TestDatabases.postgresUrl()).withProxyTimeoutMillis(1_500);
  }
}
