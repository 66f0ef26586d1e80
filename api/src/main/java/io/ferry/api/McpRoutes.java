package io.ferry.api;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.mcp.McpEndpoint;
import io.ferry.engine.mcp.McpRequest;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * MCP: {@code POST /mcp/{token}} (the token in the path is the credential, so it is mounted before API-token
 * authentication; GET and DELETE answer 405, as a server without SSE streams or sessions may) and the admin routes
 * {@code /integrated-account/{id}/mcp[/{mcp_id}]}.
 */
final class McpRoutes {
  static final String PATH = "/mcp/:token";
  private final Vertx vertx;

  McpRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Routes that take no API token. */
  void mountEndpoint(Router router) {
    router.post(PATH).handler(this::rpc);
    Handler<RoutingContext> notAllowed = ctx -> {
      ctx.response().putHeader("Allow", "POST");
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.METHOD_NOT_ALLOWED,
          "this MCP server is stateless and answers JSON: POST only (no SSE stream, no session to delete)"));
    };
    router.get(PATH).handler(notAllowed);
    router.delete(PATH).handler(notAllowed);
  }

  void mount(Router router, AdminRoutes admin) {
    String account = "/integrated-account/:id/mcp";
    router.get(account).handler(admin.call(Addresses.MCP, "list", false));
    router.post(account).handler(admin.call(Addresses.MCP, "create", true));
    router.get(account + "/:mcp_id").handler(withMcpId(admin.call(Addresses.MCP, "get", false)));
    router.patch(account + "/:mcp_id").handler(withMcpId(admin.call(Addresses.MCP, "update", true)));
    router.delete(account + "/:mcp_id").handler(withMcpId(admin.call(Addresses.MCP, "delete", false)));
  }

  /** The admin call carries one id (the account's); the server's id rides along as a query value. */
  private static Handler<RoutingContext> withMcpId(Handler<RoutingContext> next) {
    return ctx -> {
      ctx.queryParams().set("mcp_id", ctx.pathParam("mcp_id"));
      next.handle(ctx);
    };
  }

  private void rpc(RoutingContext ctx) {
    var req = ctx.request();
    McpRequest call = new McpRequest(ctx.pathParam("token"), req.getHeader("Authorization"), req.getHeader("Origin"),
        req.authority() == null ? req.getHeader("Host") : req.authority().toString(), req.getHeader("MCP-Protocol-Version"),
        req.getHeader("Content-Type"), ctx.body() == null ? null : ctx.body().buffer());
    McpEndpoint endpoint = McpEndpoint.of(vertx);
    if (endpoint == null) {
      ErrorResponses.send(ctx, new FerryFailure(ErrorCode.UNAVAILABLE, "MCP is starting or stopping"));
      return;
    }
    endpoint.handle(call).onSuccess(r -> {
      var response = ctx.response().setStatusCode(r.status());
      if (r.body() == null) {
        response.end();
      } else {
        response.putHeader("content-type", "application/json").end(io.ferry.engine.json.JsonWriter.encode(r.body()));
      }
    }).onFailure(e -> ErrorResponses.send(ctx, e));
  }
}
