package io.ferry.api;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Connect flow over HTTP on PostgreSQL (single-use updates, sealed context, hashes)")
class PostgresConnectFlowTest extends ConnectFlowTest {
  @Override
  String databaseUrl() {
    return TestDatabases.postgresUrl();
  }
}
