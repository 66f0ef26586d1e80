package io.ferry.engine.mcp;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.crypto.Tokens;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.store.Keyset;
import io.ferry.engine.store.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /integrated-account/{id}/mcp[/{mcp_id}]}: create (the token is in this answer only), list, get, update, delete. A
 * config that lets no tool through is refused, so every server created can do something.
 */
final class McpAdmin {
  /** Truto's floor: a token that expires sooner is more likely a mistake than a wish. */
  static final long MIN_LIFETIME_MILLIS = 60_000;

  private final AccountStore accounts;
  private final McpServerStore servers;
  private final Function<Account, ToolCatalog> catalogs;
  private final Consumer<String> forget;
  private final String publicUrl;
  private final SchemaCheck createSchema = SchemaCheck.load("requests/mcp.create.json");
  private final SchemaCheck updateSchema = SchemaCheck.load("requests/mcp.update.json");

  McpAdmin(AccountStore accounts, McpServerStore servers, Function<Account, ToolCatalog> catalogs,
           Consumer<String> forget, String publicUrl) {
    this.accounts = accounts;
    this.servers = servers;
    this.catalogs = catalogs;
    this.forget = forget;
    this.publicUrl = publicUrl;
  }

  Future<ApiResult> handle(ApiCall call) {
    String env = call.principal().environmentId();
    String mcpId = call.query("mcp_id");
    return switch (call.action()) {
      case "create" -> create(call);
      case "list" -> accounts.get(env, call.id()).compose(a -> servers.ofAccount(env, a.id())).map(list -> {
        JsonArray result = new JsonArray();
        list.forEach(s -> result.add(s.toJson()));
        return ApiResult.ok(new JsonObject().put("result", result).putNull("next_cursor").put("limit", list.size()));
      });
      case "get" -> servers.get(env, call.id(), mcpId).map(s -> ApiResult.ok(s.toJson()));
      case "update" -> update(call, mcpId);
      case "delete" -> servers.get(env, call.id(), mcpId).compose(s -> servers.delete(env, call.id(), mcpId).map(deleted -> {
        forget.accept(s.id());
        return ApiResult.ok(s.toJson());
      }));
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> create(ApiCall call) {
    JsonObject body = call.body();
    createSchema.check(body);
    Long expiresAt = expiresAt(body.getString("expires_at"));
    ToolFilter filter = ToolFilter.fromJson(body.getJsonObject("config"));
    return accounts.get(call.principal().environmentId(), call.id()).compose(account -> requireTools(account, filter).compose(v -> {
      String token = Tokens.generate();
      long now = System.currentTimeMillis();
      McpServer server = new McpServer(Rows.newId(), account.environmentId(), account.id(), body.getString("name"),
          filter, expiresAt, now, now);
      return servers.insert(server, Tokens.hash(token)).map(x -> ApiResult.created(server.toJson()
          .put("token", token).put("url", publicUrl + "/mcp/" + token)));
    }));
  }

  /**
   * Changes name, config or expiry; {@code expires_at: null} removes the expiry. A new config is checked like a new
   * server's; without one the tools are not looked at. The token stays the same.
   */
  private Future<ApiResult> update(ApiCall call, String mcpId) {
    JsonObject body = call.body();
    updateSchema.check(body);
    String env = call.principal().environmentId();
    Long newExpiry = body.containsKey("expires_at") ? expiresAt(body.getString("expires_at")) : null;
    return servers.get(env, call.id(), mcpId).compose(old -> {
      ToolFilter filter = body.containsKey("config") ? ToolFilter.fromJson(body.getJsonObject("config")) : old.filter();
      Future<Void> checked = !body.containsKey("config") ? Future.succeededFuture()
          : accounts.get(env, call.id()).compose(account -> requireTools(account, filter));
      McpServer updated = new McpServer(old.id(), old.environmentId(), old.accountId(), body.getString("name", old.name()),
          filter, body.containsKey("expires_at") ? newExpiry : old.expiresAt(), old.createdAt(), System.currentTimeMillis());
      return checked.compose(v -> servers.update(updated)).map(v -> {
        forget.accept(updated.id());
        return ApiResult.ok(updated.toJson());
      });
    });
  }

  private Future<Void> requireTools(Account account, ToolFilter filter) {
    ToolCatalog catalog = catalogs.apply(account);
    if (!catalog.visible(filter).isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(FerryFailure.invalid("/config", catalog.all().isEmpty()
        ? "the " + account.integrationName() + " integration has no described methods, so it has no tools"
        : "matches none of this account's " + catalog.all().size() + " tools (methods and tags must both match)"));
  }

  private static Long expiresAt(String raw) {
    if (raw == null) {
      return null;
    }
    long at = Keyset.givenInstant("expires_at", raw);
    if (at < System.currentTimeMillis() + MIN_LIFETIME_MILLIS) {
      throw FerryFailure.invalid("/expires_at", "must be at least 60 seconds in the future");
    }
    return at;
  }
}
