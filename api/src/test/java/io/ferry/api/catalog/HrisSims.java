package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Keka HRIS employees: {succeeded, data} envelopes, camelCase fields, employmentStatus 0 working / 1 relieved. */
final class HrisSims {
  private HrisSims() {
  }

  static SimStore kekaStore(Sim sim) {
    return sim.store("employees", "employees", "id", i -> new JsonObject().put("id", "employees-" + i).put("employeeNumber", "E00" + i)
        .put("firstName", "First" + i).put("lastName", "Last" + i).put("displayName", "First" + i + " Last" + i)
        .put("email", "e" + i + "@acme.test").put("employmentStatus", i == 5 ? 1 : 0).put("accountStatus", 1)
        .put("joiningDate", String.format("2023-%02d-01T00:00:00Z", i + 1)).put("lastModified", Sim.day(2, i)));
  }

  /** {@code lastModified}: employees changed after that instant. */
  static void kekaList(RoutingContext ctx, Sim sim, int page, int size) {
    SimStore store = kekaStore(sim);
    store.queries.add(ctx.request().query() == null ? "" : ctx.request().query());
    String since = ctx.request().getParam("lastModified");
    JsonArray matching = new JsonArray();
    store.page(0, Integer.MAX_VALUE).forEach(o -> {
      if (since == null || ((JsonObject) o).getString("lastModified").compareTo(since) > 0) {
        matching.add(o);
      }
    });
    int from = (page - 1) * size;
    Sim.json(ctx, 200, new JsonObject().put("succeeded", true)
        .put("data", new JsonArray(matching.getList().subList(Math.min(from, matching.size()), Math.min(matching.size(), from + size))))
        .put("pageNumber", page).put("pageSize", size).put("totalPages", Math.max(1, (matching.size() + size - 1) / size))
        .put("totalRecords", matching.size()));
  }

  static void keka(Router r, Sim sim) {
    SimStore store = kekaStore(sim);
    r.get("/api/v1/hris/employees/:id").handler(ctx -> {
      JsonObject e = store.get(ctx.pathParam("id"));
      Sim.json(ctx, e == null ? 404 : 200, new JsonObject().put("succeeded", e != null).put("message", e == null ? "Employee not found" : "")
          .put("data", e));
    });
    r.post("/api/v1/hris/employees").handler(ctx -> {
      JsonObject body = Sim.bodyOf(ctx);
      if (body.getString("firstName") == null || body.getString("email") == null) {
        Sim.json(ctx, 400, new JsonObject().put("succeeded", false).put("message", "firstName and email are required")
            .put("errors", new JsonArray().add("firstName and email are required")));
        return;
      }
      JsonObject created = store.create(body, (id, b) -> b.copy().put("id", id).put("employmentStatus", 0)
          .put("lastModified", Sim.day(3, 0)));
      Sim.json(ctx, 200, new JsonObject().put("succeeded", true).put("message", "").put("errors", new JsonArray())
          .put("data", created.getString("id")));
    });
    r.put("/api/v1/hris/employees/:id/personaldetails").handler(ctx -> {
      JsonObject changed = store.update(ctx.pathParam("id"), Sim.bodyOf(ctx), (e, b) -> e.mergeIn(b).put("lastModified", Sim.day(4, 0)));
      Sim.json(ctx, changed == null ? 404 : 200, new JsonObject().put("succeeded", changed != null).put("message", "")
          .put("data", changed == null ? null : changed.getString("id")));
    });
  }
}
