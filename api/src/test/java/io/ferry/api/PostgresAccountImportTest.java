package io.ferry.api;

import org.junit.jupiter.api.DisplayName;

@DisplayName("account import on PostgreSQL")
class PostgresAccountImportTest extends AccountImportContract {
  @Override
  String databaseUrl() {
    return TestDatabases.postgresUrl();
  }
}
