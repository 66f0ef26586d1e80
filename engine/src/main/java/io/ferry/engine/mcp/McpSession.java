package io.ferry.engine.mcp;

import io.ferry.engine.account.Account;
import io.ferry.engine.core.Principal;

/** What one request to an MCP server acts on: the server, its account, the account's tools, and who calls the proxy. */
record McpSession(McpServer server, Account account, ToolCatalog catalog, Principal principal) {
}
