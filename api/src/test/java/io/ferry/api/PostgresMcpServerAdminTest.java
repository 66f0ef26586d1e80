package io.ferry.api;

import io.ferry.engine.config.FerryOptions;
import org.junit.jupiter.api.DisplayName;

/** The MCP admin scenarios on PostgreSQL (the parent runs them on the embedded H2 store). */
@DisplayName("MCP servers: admin API and tool filters, on PostgreSQL")
class PostgresMcpServerAdminTest extends McpServerAdminTest {

  @Override
  FerryOptions options() {
    return FerryServer.options(TestDatabases.postgresUrl()).withProxyTimeoutMillis(1_500);
  }
}
