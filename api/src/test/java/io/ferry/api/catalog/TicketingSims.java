package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Ticket records and writes of the Zendesk, Jira and Linear simulators, in each provider's own shape. */
final class TicketingSims {
  private TicketingSims() {
  }

  static final String[] ZENDESK_STATUS = {"new", "open", "pending", "hold", "solved", "closed", "open"};
  static final String[] ZENDESK_PRIORITY = {"urgent", "high", "normal", "low", "normal", "high", "low"};

  // Zendesk Support: {ticket: {...}} bodies; search/export for query filters (cursor: meta.after_cursor)
  static SimStore zendeskStore(Sim sim) {
    return sim.store("tickets", "ticket", "id", i -> new JsonObject().put("id", "ticket-" + i)
        .put("url", "https://acme.zendesk.com/api/v2/tickets/ticket-" + i + ".json").put("subject", "Printer " + i + " is on fire")
        .put("description", "It started at " + i).put("status", ZENDESK_STATUS[i]).put("priority", ZENDESK_PRIORITY[i])
        .put("assignee_id", 9000 + i).put("collaborator_ids", new JsonArray().add(9100 + i))
        .put("created_at", Sim.day(1, i).replace(".000", "")).put("updated_at", Sim.day(2, i).replace(".000", "")));
  }

  static void zendesk(Router r, Sim sim) {
    SimStore store = zendeskStore(sim);
    r.get("/api/v2/search/export.json").handler(ctx -> {
      String query = ctx.request().getParam("query");
      store.queries.add(query + "&filter[type]=" + ctx.request().getParam("filter[type]"));
      JsonArray matching = new JsonArray();
      store.page(0, Integer.MAX_VALUE).forEach(o -> {
        JsonObject t = (JsonObject) o;
        boolean ok = true;
        for (String term : query.split(" ")) {
          for (String op : new String[] {">=", "<=", ">", "<"}) {
            int at = term.indexOf(op);
            if (at > 0) {
              int cmp = t.getString(term.substring(0, at) + "_at").compareTo(term.substring(at + op.length()));
              ok &= switch (op) {
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
              };
              break;
            }
          }
        }
        if (ok) {
          matching.add(t);
        }
      });
      int size = Sim.intParam(ctx, "page[size]", 100);
      String after = ctx.request().getParam("page[after]");
      int from = after == null ? 0 : Integer.parseInt(after.substring(1));
      boolean more = from + size < matching.size();
      Sim.json(ctx, 200, new JsonObject().put("results", new JsonArray(matching.getList().subList(Math.min(from, matching.size()),
              Math.min(matching.size(), from + size))))
          .put("meta", new JsonObject().put("has_more", more).put("after_cursor", more ? "c" + (from + size) : null)));
    });
    r.get("/api/v2/tickets/:file").handler(ctx -> {
      JsonObject t = store.get(ctx.pathParam("file").replace(".json", ""));
      Sim.json(ctx, t == null ? 404 : 200, t == null ? new JsonObject().put("error", "RecordNotFound").put("description", "Not found")
          : new JsonObject().put("ticket", t));
    });
    r.post("/api/v2/tickets.json").handler(ctx -> {
      JsonObject ticket = Sim.bodyOf(ctx).getJsonObject("ticket");
      if (ticket == null || ticket.getJsonObject("comment") == null) {
        Sim.json(ctx, 422, new JsonObject().put("error", "RecordInvalid").put("description", "Record validation errors")
            .put("details", new JsonObject().put("base", new JsonArray().add(new JsonObject().put("description", "Description: cannot be blank")))));
        return;
      }
      JsonObject created = store.create(Sim.bodyOf(ctx), (id, b) -> ticket.copy().put("id", id)
          .put("description", ticket.getJsonObject("comment").getString("body")).put("status", ticket.getString("status", "new"))
          .put("created_at", "2024-03-01T10:00:00Z").put("updated_at", "2024-03-01T10:00:00Z"));
      created.remove("comment");
      Sim.json(ctx, 201, new JsonObject().put("ticket", created));
    });
    r.put("/api/v2/tickets/:file").handler(ctx -> {
      JsonObject changed = store.update(ctx.pathParam("file").replace(".json", ""), Sim.bodyOf(ctx),
          (t, b) -> t.mergeIn(b.getJsonObject("ticket", new JsonObject())).put("updated_at", "2024-04-01T10:00:00Z"));
      Sim.json(ctx, changed == null ? 404 : 200, changed == null ? new JsonObject().put("error", "RecordNotFound")
          : new JsonObject().put("ticket", changed));
    });
    r.delete("/api/v2/tickets/:file").handler(ctx -> {
      if (store.delete(ctx.pathParam("file").replace(".json", ""))) {
        ctx.response().setStatusCode(204).end();
      } else {
        Sim.json(ctx, 404, new JsonObject().put("error", "RecordNotFound"));
      }
    });
  }

  static JsonObject json(RoutingContext ctx) {
    return Sim.bodyOf(ctx);
  }

  // Jira Cloud REST v3: issues with fields{summary, description (ADF), status.statusCategory, priority, assignee}
  static final String[] JIRA_CATEGORY = {"new", "indeterminate", "done", "new", "indeterminate", "done", "new"};
  static final String[] JIRA_PRIORITY = {"Highest", "High", "Medium", "Low", "Lowest", "Medium", "High"};

  static SimStore jiraStore(Sim sim) {
    return sim.store("issues", "issue", "id", i -> new JsonObject().put("id", "issue-" + i).put("key", "ACME-" + i)
        .put("self", "https://acme.atlassian.net/rest/api/3/issue/issue-" + i).put("fields", new JsonObject()
            .put("summary", "Login fails " + i).put("description", adf("Steps " + i))
            .put("status", new JsonObject().put("name", "Status " + i).put("statusCategory", new JsonObject().put("key", JIRA_CATEGORY[i])))
            .put("priority", new JsonObject().put("name", JIRA_PRIORITY[i]))
            .put("assignee", i % 2 == 0 ? new JsonObject().put("accountId", "5b10-" + i) : null)
            .put("created", ProvidersB.sfDate(1, i)).put("updated", ProvidersB.sfDate(2, i))));
  }

  static JsonObject adf(String text) {
    return new JsonObject().put("type", "doc").put("version", 1).put("content", new JsonArray().add(new JsonObject()
        .put("type", "paragraph").put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))));
  }

  static void jira(Router r, Sim sim) {
    SimStore store = jiraStore(sim);
    r.get("/rest/api/3/search").handler(ctx -> {
      String jql = ctx.request().getParam("jql", "");
      store.queries.add(jql);
      JsonArray matching = new JsonArray();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("updated (>=|>|<=|<) \"([^\"]+)\"").matcher(jql);
      java.util.List<String[]> conds = new java.util.ArrayList<>();
      while (m.find()) {
        conds.add(new String[] {m.group(1), m.group(2)});
      }
      store.page(0, Integer.MAX_VALUE).forEach(o -> {
        String updated = ((JsonObject) o).getJsonObject("fields").getString("updated").substring(0, 16).replace("T", " ");
        boolean ok = conds.stream().allMatch(c -> {
          int cmp = updated.compareTo(c[1]);
          return switch (c[0]) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
          };
        });
        if (ok) {
          matching.add(o);
        }
      });
      int start = Sim.intParam(ctx, "startAt", 0);
      int max = Sim.intParam(ctx, "maxResults", 50);
      Sim.json(ctx, 200, new JsonObject().put("startAt", start).put("maxResults", max).put("total", matching.size())
          .put("issues", new JsonArray(matching.getList().subList(Math.min(start, matching.size()), Math.min(matching.size(), start + max)))));
    });
    r.get("/rest/api/3/issue/:id").handler(ctx -> {
      JsonObject found = store.get(ctx.pathParam("id"));
      Sim.json(ctx, found == null ? 404 : 200, found == null ? jiraNotFound() : found);
    });
    r.post("/rest/api/3/issue").handler(ctx -> {
      JsonObject fields = Sim.bodyOf(ctx).getJsonObject("fields", new JsonObject());
      if (fields.getJsonObject("project") == null || fields.getString("summary") == null || fields.getJsonObject("issuetype") == null) {
        Sim.json(ctx, 400, new JsonObject().put("errorMessages", new JsonArray()).put("errors", new JsonObject().put("project", "Specify a valid project")));
        return;
      }
      JsonObject created = store.create(Sim.bodyOf(ctx), (id, b) -> new JsonObject().put("id", id).put("key", "ACME-" + id.substring(6))
          .put("self", "https://acme.atlassian.net/rest/api/3/issue/" + id).put("fields", fields.copy()
              .put("status", new JsonObject().put("name", "To Do").put("statusCategory", new JsonObject().put("key", "new")))
              .put("created", ProvidersB.sfDate(3, 0)).put("updated", ProvidersB.sfDate(3, 0))));
      Sim.json(ctx, 201, new JsonObject().put("id", created.getString("id")).put("key", created.getString("key")).put("self", created.getString("self")));
    });
    r.put("/rest/api/3/issue/:id").handler(ctx -> {
      JsonObject changed = store.update(ctx.pathParam("id"), Sim.bodyOf(ctx), (t, b) -> {
        t.getJsonObject("fields").mergeIn(b.getJsonObject("fields", new JsonObject())).put("updated", ProvidersB.sfDate(4, 0));
        return t;
      });
      if (changed == null) {
        Sim.json(ctx, 404, jiraNotFound());
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
    r.delete("/rest/api/3/issue/:id").handler(ctx -> {
      if (store.delete(ctx.pathParam("id"))) {
        ctx.response().setStatusCode(204).end();
      } else {
        Sim.json(ctx, 404, jiraNotFound());
      }
    });
  }

  static JsonObject jiraNotFound() {
    return new JsonObject().put("errorMessages", new JsonArray().add("Issue does not exist or you do not have permission to see it."))
        .put("errors", new JsonObject());
  }

  // Linear GraphQL: issues(first, after, filter) with pageInfo; issueCreate / issueUpdate / issueDelete mutations
  static SimStore linearStore(Sim sim) {
    String[] states = {"triage", "backlog", "unstarted", "started", "completed", "canceled", "started"};
    return sim.store("issues", "issues", "id", i -> new JsonObject().put("id", "issues-" + i).put("identifier", "ENG-" + i)
        .put("title", "Crash on start " + i).put("description", "Trace " + i).put("url", "https://linear.app/acme/issue/ENG-" + i)
        .put("priority", i % 5).put("state", new JsonObject().put("type", states[i]))
        .put("assignee", i % 2 == 1 ? new JsonObject().put("id", "user-" + i) : null)
        .put("createdAt", Sim.day(1, i)).put("updatedAt", Sim.day(2, i)).put("name", "issues " + i));
  }

  /** Answers the issue queries and mutations; false when the operation is not about issues. */
  static boolean linear(RoutingContext ctx, Sim sim, String query, JsonObject vars) {
    SimStore store = linearStore(sim);
    if (query.contains("issueCreate(")) {
      JsonObject input = vars.getJsonObject("input", new JsonObject());
      if (input.getString("teamId") == null || input.getString("title") == null) {
        Sim.json(ctx, 200, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", "Argument Validation Error"))));
        return true;
      }
      JsonObject created = store.create(vars, (id, b) -> input.copy().put("id", id).put("identifier", "ENG-" + id)
          .put("url", "https://linear.app/acme/issue/" + id).put("state", new JsonObject().put("type", "backlog"))
          .put("assignee", input.getString("assigneeId") == null ? null : new JsonObject().put("id", input.getString("assigneeId")))
          .put("createdAt", Sim.day(3, 0)).put("updatedAt", Sim.day(3, 0)));
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("issueCreate", new JsonObject().put("success", true).put("issue", created))));
    } else if (query.contains("issueUpdate(")) {
      JsonObject changed = store.update(vars.getString("id"), vars, (t, b) -> t.mergeIn(b.getJsonObject("input", new JsonObject())).put("updatedAt", Sim.day(4, 0)));
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("issueUpdate", new JsonObject().put("success", changed != null).put("issue", changed))));
    } else if (query.contains("issueDelete(")) {
      boolean gone = store.delete(vars.getString("id"));
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("issueDelete", new JsonObject().put("success", gone))));
    } else if (query.contains("issue(")) {
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("issue", store.get(vars.getString("id")))));
    } else if (query.contains("issues(")) {
      store.queries.add(vars.encode());
      String gt = vars.getJsonObject("filter") == null ? null
          : vars.getJsonObject("filter").getJsonObject("updatedAt", new JsonObject()).getString("gt");
      JsonArray matching = new JsonArray();
      store.page(0, Integer.MAX_VALUE).forEach(o -> {
        if (gt == null || ((JsonObject) o).getString("updatedAt").compareTo(gt) > 0) {
          matching.add(o);
        }
      });
      int first = vars.getInteger("first", 50);
      int from = vars.getString("after") == null ? 0 : Integer.parseInt(new String(java.util.Base64.getDecoder().decode(vars.getString("after"))));
      boolean more = from + first < matching.size();
      JsonObject pageInfo = new JsonObject().put("hasNextPage", more)
          .put("endCursor", java.util.Base64.getEncoder().encodeToString(Integer.toString(Math.min(matching.size(), from + first)).getBytes()));
      ctx.response().putHeader("X-RateLimit-Requests-Remaining", "1400");
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("issues", new JsonObject()
          .put("nodes", new JsonArray(matching.getList().subList(Math.min(from, matching.size()), Math.min(matching.size(), from + first))))
          .put("pageInfo", pageInfo))));
    } else {
      return false;
    }
    return true;
  }
}
