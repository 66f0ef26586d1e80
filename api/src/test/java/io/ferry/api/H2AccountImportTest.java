package io.ferry.api;

import org.junit.jupiter.api.DisplayName;

@DisplayName("account import on the embedded H2 store")
class H2AccountImportTest extends AccountImportContract {
  @Override
  String databaseUrl() {
    return null;
  }
}
