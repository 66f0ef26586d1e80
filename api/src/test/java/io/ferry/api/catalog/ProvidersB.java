package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.List;

/** Simulators of Salesforce, Intercom, Linear, Notion, Asana, Microsoft Graph, Pipedrive and Keka, from their docs. */
final class ProvidersB {
  private ProvidersB() {
  }

  // Salesforce: SOQL /query with nextRecordsUrl (relative) while done=false; REQUEST_LIMIT_EXCEEDED as 403
  static ProviderCase salesforce() {
    return new ProviderCase("salesforce", (r, sim) -> {
      String v = "/services/data/v60.0";
      java.util.Map<String, JsonArray> cursors = new java.util.concurrent.ConcurrentHashMap<>();
      r.get(v + "/query").handler(ctx -> {
        String q = ctx.request().getParam("q");
        String type = q.contains("FROM Account") ? "Account" : "Contact";
        SimStore store = salesforceStore(sim, type);
        store.queries.add(q);
        JsonArray matching = new JsonArray();
        store.page(0, Integer.MAX_VALUE).forEach(o -> {
          if (soqlWhere(q, (JsonObject) o)) {
            matching.add(o);
          }
        });
        String id = java.util.UUID.randomUUID().toString();
        cursors.put(id, matching);
        page(ctx, id, matching, 0);
      });
      r.get(v + "/query/:locator").handler(ctx -> {
        String[] l = ctx.pathParam("locator").split("~");
        page(ctx, l[0], cursors.get(l[0]), Integer.parseInt(l[1]));
      });
      for (String type : new String[] {"Account", "Contact"}) {
        r.get(v + "/sobjects/" + type + "/:id").handler(ctx -> {
          if ("acc-limited".equals(ctx.pathParam("id"))) {
            // the org's rolling 24 h API request limit is used up
            sim.firstTime("acc-limited");
            ctx.response().putHeader("Sforce-Limit-Info", "api-usage=15000/15000");
            Sim.json(ctx, 403, new JsonArray().add(new JsonObject().put("errorCode", "REQUEST_LIMIT_EXCEEDED")
                .put("message", "TotalRequests Limit exceeded.")));
            return;
          }
          JsonObject found = salesforceStore(sim, type).get(ctx.pathParam("id"));
          Sim.json(ctx, found == null ? 404 : 200, found == null ? salesforceNotFound() : found);
        });
        r.post(v + "/sobjects/" + type).handler(ctx -> {
          JsonObject body = Sim.bodyOf(ctx);
          if (body.getValue("Id") != null || body.fieldNames().stream().anyMatch(k -> Character.isLowerCase(k.charAt(0)))) {
            Sim.json(ctx, 400, new JsonArray().add(new JsonObject().put("errorCode", "INVALID_FIELD").put("message", "No such column")));
            return;
          }
          JsonObject created = salesforceStore(sim, type).create(body, (id, b) -> b.copy()
              .put("attributes", new JsonObject().put("type", type).put("url", v + "/sobjects/" + type + "/" + id))
              .put("Id", id).put("CreatedDate", sfDate(3, 0)).put("LastModifiedDate", sfDate(3, 0)));
          Sim.json(ctx, 201, new JsonObject().put("id", created.getString("Id")).put("success", true).put("errors", new JsonArray()));
        });
        r.patch(v + "/sobjects/" + type + "/:id").handler(ctx -> {
          JsonObject changed = salesforceStore(sim, type).update(ctx.pathParam("id"), Sim.bodyOf(ctx),
              (rec, b) -> rec.mergeIn(b).put("LastModifiedDate", sfDate(4, 0)));
          if (changed == null) {
            Sim.json(ctx, 404, salesforceNotFound());
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
        r.delete(v + "/sobjects/" + type + "/:id").handler(ctx -> {
          if (salesforceStore(sim, type).delete(ctx.pathParam("id"))) {
            ctx.response().setStatusCode(204).end();
          } else {
            Sim.json(ctx, 404, salesforceNotFound());
          }
        });
      }
    }, "oauth2", b -> new JsonObject().put("instance_url", b)
        .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "00D-session"))),
        b -> new JsonObject(), List.of("accounts", "contacts"), List.of("acc-1", "con-6"), "acc-limited", false, null);
  }

  /** Salesforce REST records: attributes{type,url}, Id and PascalCase fields, dates as 2024-01-01T10:00:00.000+0000. */
  static SimStore salesforceStore(Sim sim, String type) {
    String prefix = type.equals("Account") ? "acc" : "con";
    return sim.store(type, prefix, "Id", i -> {
      JsonObject r = new JsonObject().put("attributes", new JsonObject().put("type", type)
          .put("url", "/services/data/v60.0/sobjects/" + type + "/" + prefix + "-" + i)).put("Id", prefix + "-" + i);
      if (type.equals("Account")) {
        r.put("Name", "Account " + i).put("Website", "https://account" + i + ".test").put("Industry", "Technology");
      } else {
        r.put("FirstName", "First" + i).put("LastName", "Last" + i).put("Name", "First" + i + " Last" + i)
            .put("Email", "con" + i + "@acme.test").put("Phone", "+1 555 020" + i).put("MobilePhone", null)
            .put("AccountId", "acc-" + (i % 3));
      }
      return r.put("OwnerId", "005-" + (i % 2)).put("CreatedDate", sfDate(1, i)).put("LastModifiedDate", sfDate(2, i));
    });
  }

  static String sfDate(int month, int i) {
    return Sim.day(month, i).replace("Z", "+0000");
  }

  /** The WHERE of the SOQL the mappings write: {@code Field op value} joined by AND, values as ISO date-times. */
  static boolean soqlWhere(String q, JsonObject record) {
    int where = q.indexOf(" WHERE ");
    if (where < 0) {
      return true;
    }
    int end = q.indexOf(" ORDER BY ");
    String conds = q.substring(where + 7, end < 0 ? q.length() : end);
    for (String cond : conds.split(" AND ")) {
      String[] p = cond.trim().split(" ");
      String actual = String.valueOf(record.getValue(p[0])).replace("+0000", "Z");
      int cmp = actual.compareTo(p[2]);
      boolean ok = switch (p[1]) {
        case ">" -> cmp > 0;
        case ">=" -> cmp >= 0;
        case "<" -> cmp < 0;
        case "<=" -> cmp <= 0;
        default -> cmp == 0;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static JsonArray salesforceNotFound() {
    return new JsonArray().add(new JsonObject().put("errorCode", "NOT_FOUND").put("message", "The requested resource does not exist"));
  }

  private static void page(io.vertx.ext.web.RoutingContext ctx, String cursor, JsonArray all, int from) {
    int size = 3;
    boolean done = from + size >= all.size();
    JsonObject body = new JsonObject().put("totalSize", all.size()).put("done", done)
        .put("records", new JsonArray(all.getList().subList(from, Math.min(all.size(), from + size))));
    if (!done) {
      body.put("nextRecordsUrl", "/services/data/v60.0/query/" + cursor + "~" + (from + size));
    }
    ctx.response().putHeader("Sforce-Limit-Info", "api-usage=25/15000");
    Sim.json(ctx, 200, body);
  }

  // Intercom: pages.next.starting_after cursor, X-RateLimit-Reset epoch seconds, X-Hub-Signature sha1
  static ProviderCase intercom() {
    return new ProviderCase("intercom", (r, sim) -> {
      for (String[] res : new String[][] {{"contacts", "data"}, {"conversations", "conversations"}}) {
        r.get("/" + res[0]).handler(ctx -> {
          ctx.response().putHeader("X-RateLimit-Limit", "10000");
          if (sim.firstTime(res[0])) {
            ctx.response().putHeader("X-RateLimit-Remaining", "0")
                .putHeader("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 2));
            Sim.json(ctx, 429, new JsonObject().put("type", "error.list").put("errors", new JsonArray()
                .add(new JsonObject().put("code", "rate_limit_exceeded").put("message", "Exceeded rate limit of 10000 in 60 seconds"))));
            return;
          }
          int per = Sim.intParam(ctx, "per_page", 50);
          int from = Sim.intParam(ctx, "starting_after", 0);
          JsonObject pages = new JsonObject().put("type", "pages").put("per_page", per);
          if (from + per < Sim.TOTAL) {
            pages.put("next", new JsonObject().put("starting_after", Integer.toString(from + per)));
          }
          ctx.response().putHeader("X-RateLimit-Remaining", "9990");
          Sim.json(ctx, 200, new JsonObject().put("type", "list").put(res[1], Sim.records(res[0], "id", from, per)).put("pages", pages));
        });
        r.get("/" + res[0] + "/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
      }
    }, "oauth2", b -> new JsonObject().put("client_secret", "ic-secret")
        .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "ic-token"))),
        ProvidersA::base, List.of("contacts", "conversations"), List.of("contacts-4", "conversations-0"), "contacts", true,
        (account, install) -> {
          String body = "{\"type\":\"notification_event\",\"topic\":\"contact.user.created\",\"data\":{\"item\":{\"type\":\"contact\",\"id\":\"c1\"}}}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Hub-Signature", "sha1=" + Sign.hexSha1("ic-secret", body)).put("Content-Type", "application/json"),
              body, "record:created");
        });
  }

  // Linear GraphQL: pageInfo { hasNextPage endCursor } with after/first variables; RATELIMITED errors; Linear-Signature
  static ProviderCase linear() {
    return new ProviderCase("linear", (r, sim) -> r.post("/graphql").handler(ctx -> {
      if (!"lin_api_test".equals(ctx.request().getHeader("authorization"))) {
        Sim.json(ctx, 400, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", "Authentication required"))));
        return;
      }
      JsonObject body = ctx.body().asJsonObject();
      String query = body.getString("query");
      JsonObject vars = body.getJsonObject("variables", new JsonObject());
      String field = query.contains("issues(") ? "issues" : query.contains("teams(") ? "teams" : null;
      if (field == null && TicketingSims.linear(ctx, sim, query, vars)) {
        return;
      }
      if (field == null) {
        String one = query.contains("issue(") ? "issue" : "team";
        Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put(one, new JsonObject().put("id", vars.getString("id")))));
        return;
      }
      if (sim.firstTime(field)) {
        ctx.response().putHeader("X-RateLimit-Requests-Limit", "1500").putHeader("X-RateLimit-Requests-Remaining", "0")
            .putHeader("X-RateLimit-Requests-Reset", Long.toString(System.currentTimeMillis() + 1000));
        Sim.json(ctx, 400, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", "Rate limit exceeded")
            .put("extensions", new JsonObject().put("code", "RATELIMITED")))));
        return;
      }
      if ("issues".equals(field)) {
        TicketingSims.linear(ctx, sim, query, vars);
        return;
      }
      int first = vars.getInteger("first", 50);
      int from = vars.getString("after") == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(vars.getString("after"))));
      boolean more = from + first < Sim.TOTAL;
      JsonObject pageInfo = new JsonObject().put("hasNextPage", more)
          .put("endCursor", Base64.getEncoder().encodeToString(Integer.toString(Math.min(Sim.TOTAL, from + first)).getBytes()));
      ctx.response().putHeader("X-RateLimit-Requests-Remaining", "1400");
      Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put(field, new JsonObject()
          .put("nodes", Sim.records(field, "id", from, first)).put("pageInfo", pageInfo))));
    }), "api_key", b -> new JsonObject().put("api_key", "lin_api_test").put("webhook_secret", "lin-hook"),
        ProvidersA::base, List.of("issues", "teams"), List.of("issues-2", "teams-5"), "issues", true,
        (account, install) -> {
          String body = "{\"action\":\"create\",\"type\":\"Issue\",\"data\":{\"id\":\"i1\",\"title\":\"Bug\"},\"webhookTimestamp\":"
              + System.currentTimeMillis() + "}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("Linear-Signature", Sign.hex256("lin-hook", body)).put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // Notion: start_cursor/page_size (query for GET /users, body for POST /search), has_more/next_cursor, 429 + Retry-After
  static ProviderCase notion() {
    return new ProviderCase("notion", (r, sim) -> {
      r.get("/v1/users").handler(ctx -> {
        if (sim.firstTime("users")) {
          ctx.response().putHeader("Retry-After", "1");
          Sim.json(ctx, 429, new JsonObject().put("object", "error").put("status", 429).put("code", "rate_limited")
              .put("message", "You have been rated limited. Please try again in a few minutes."));
          return;
        }
        list(ctx, "users", Sim.intParam(ctx, "page_size", 100), ctx.request().getParam("start_cursor"));
      });
      r.post("/v1/search").handler(ctx -> {
        JsonObject body = ctx.body().asJsonObject();
        if (!"page".equals(body.getJsonObject("filter", new JsonObject()).getString("value"))) {
          Sim.json(ctx, 400, new JsonObject().put("object", "error").put("message", "filter required"));
          return;
        }
        list(ctx, "pages", body.getInteger("page_size", 100), body.getString("start_cursor"));
      });
      r.get("/v1/users/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("object", "user").put("id", ctx.pathParam("id"))));
      r.get("/v1/pages/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("object", "page").put("id", ctx.pathParam("id"))));
    }, "oauth2", b -> new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "secret_notion"))),
        b -> ProvidersA.base(b + "/v1"), List.of("users", "pages"), List.of("users-0", "pages-6"), "users", true, null);
  }

  private static void list(io.vertx.ext.web.RoutingContext ctx, String prefix, int size, String cursor) {
    if (!"2022-06-28".equals(ctx.request().getHeader("notion-version"))) {
      Sim.json(ctx, 400, new JsonObject().put("object", "error").put("message", "Notion-Version header failed validation"));
      return;
    }
    int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
    boolean more = from + size < Sim.TOTAL;
    Sim.json(ctx, 200, new JsonObject().put("object", "list").put("results", Sim.records(prefix, "id", from, size))
        .put("has_more", more).put("next_cursor", more ? "c" + (from + size) : null));
  }

  // Asana: offset tokens in next_page.offset, 429 + Retry-After, X-Hook-Secret handshake and X-Hook-Signature
  static ProviderCase asana() {
    return new ProviderCase("asana", (r, sim) -> {
      for (String res : new String[] {"users", "workspaces"}) {
        r.get("/api/1.0/" + res).handler(ctx -> {
          if (sim.firstTime(res)) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", "Too Many Requests"))));
            return;
          }
          int limit = Sim.intParam(ctx, "limit", 20);
          String offset = ctx.request().getParam("offset");
          int from = offset == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(offset)));
          Object next = from + limit < Sim.TOTAL ? new JsonObject()
              .put("offset", Base64.getEncoder().encodeToString(Integer.toString(from + limit).getBytes()))
              .put("path", "/" + res + "?limit=" + limit) : null;
          Sim.json(ctx, 200, new JsonObject().put("data", Sim.records(res, "gid", from, limit)).put("next_page", next));
        });
        r.get("/api/1.0/" + res + "/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("data", new JsonObject().put("gid", ctx.pathParam("id")))));
      }
    }, "api_key", b -> new JsonObject().put("api_key", "asana-pat").put("webhook_secret", "hook-secret-from-handshake"),
        b -> ProvidersA.base(b + "/api/1.0"), List.of("users", "workspaces"), List.of("users-1", "workspaces-2"), "users", true,
        (account, install) -> {
          String body = "{\"events\":[{\"action\":\"added\",\"resource\":{\"gid\":\"1\",\"resource_type\":\"task\"}}]}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Hook-Signature", Sign.hex256("hook-secret-from-handshake", body)).put("Content-Type", "application/json"),
              body, "record:created", new JsonObject().put("X-Hook-Secret", "hook-secret-from-handshake"), "X-Hook-Secret");
        });
  }

  // Microsoft Graph: @odata.nextLink, client-credentials tokens, 429 + Retry-After, validationToken handshake, clientState
  static ProviderCase graph() {
    return new ProviderCase("microsoft_graph", (r, sim) -> {
      r.post("/:tenant/oauth2/v2.0/token").handler(ctx -> {
        String form = ctx.body().asString();
        if (!form.contains("grant_type=client_credentials") || !form.contains("client_secret=graph-secret")) {
          Sim.json(ctx, 400, new JsonObject().put("error", "invalid_client"));
          return;
        }
        Sim.json(ctx, 200, new JsonObject().put("token_type", "Bearer").put("expires_in", 3599).put("access_token", "graph-token"));
      });
      for (String res : new String[] {"users", "groups"}) {
        r.get("/v1.0/" + res).handler(ctx -> {
          if (!"Bearer graph-token".equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 401, new JsonObject().put("error", new JsonObject().put("code", "InvalidAuthenticationToken").put("message", "Access token is empty.")));
            return;
          }
          if (sim.firstTime(res)) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("error", new JsonObject().put("code", "TooManyRequests").put("message", "Please retry again later.")));
            return;
          }
          int top = Sim.intParam(ctx, "$top", 100);
          int skip = ctx.request().getParam("$skiptoken") == null ? 0 : Integer.parseInt(ctx.request().getParam("$skiptoken"));
          JsonObject body = new JsonObject().put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + res)
              .put("value", Sim.records(res, "id", skip, top));
          if (skip + top < Sim.TOTAL) {
            body.put("@odata.nextLink", Sim.base(ctx) + "/v1.0/" + res + "?$top=" + top + "&$skiptoken=" + (skip + top));
          }
          Sim.json(ctx, 200, body);
        });
        r.get("/v1.0/" + res + "/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
      }
    }, "oauth2_client_credentials", b -> new JsonObject().put("tenant", "contoso").put("client_id", "app-1")
        .put("client_secret", "graph-secret").put("webhook_client_state", "secretClientValue"),
        b -> ProvidersA.base(b + "/v1.0").put("credentials", new JsonObject().put("oauth2_client_credentials",
            new JsonObject().put("config", new JsonObject().put("auth", new JsonObject().put("tokenHost", b))))),
        List.of("users", "groups"), List.of("users-3", "groups-1"), "users", true,
        (account, install) -> {
          String body = "{\"value\":[{\"subscriptionId\":\"s1\",\"clientState\":\"secretClientValue\",\"changeType\":\"created\","
              + "\"resource\":\"users/u1\",\"resourceData\":{\"id\":\"u1\"}}]}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject().put("Content-Type", "application/json"),
              body, "record:created");
        });
  }

  // Pipedrive v1: start/limit with additional_data.pagination, api_token query parameter, basic-auth webhooks
  static ProviderCase pipedrive() {
    return new ProviderCase("pipedrive", (r, sim) -> {
      for (String res : new String[] {"persons", "deals", "organizations"}) {
        SimStore store = pipedriveStore(sim, res);
        r.get("/v1/" + res).handler(ctx -> {
          if (!"pd-token".equals(ctx.request().getParam("api_token"))) {
            Sim.json(ctx, 401, new JsonObject().put("success", false).put("error", "unauthorized access").put("errorCode", 401));
            return;
          }
          ctx.response().putHeader("x-ratelimit-limit", "80");
          if (sim.firstTime(res)) {
            ctx.response().putHeader("x-ratelimit-remaining", "0").putHeader("x-ratelimit-reset", "1");
            Sim.json(ctx, 429, new JsonObject().put("success", false).put("error", "Request over limit").put("errorCode", 429));
            return;
          }
          store.queries.add(ctx.request().query());
          int start = Sim.intParam(ctx, "start", 0);
          int limit = Sim.intParam(ctx, "limit", 100);
          ctx.response().putHeader("x-ratelimit-remaining", "70").putHeader("x-ratelimit-reset", "2");
          Sim.json(ctx, 200, new JsonObject().put("success", true).put("data", store.page(start, limit))
              .put("additional_data", new JsonObject().put("pagination", pipedrivePagination(start, limit, store.size()))));
        });
        r.get("/v1/" + res + "/:id").handler(ctx -> {
          JsonObject found = store.get(ctx.pathParam("id"));
          Sim.json(ctx, found == null ? 404 : 200, found == null ? pipedriveNotFound() : new JsonObject().put("success", true).put("data", found));
        });
        r.post("/v1/" + res).handler(ctx -> {
          JsonObject body = Sim.bodyOf(ctx);
          if (body.getString("name") == null) {
            Sim.json(ctx, 400, new JsonObject().put("success", false).put("error", "Name must be given.").put("errorCode", 400));
            return;
          }
          JsonObject created = store.create(body, (id, b) -> b.copy().put("id", id).put("add_time", "2024-03-01 10:00:00")
              .put("update_time", "2024-03-01 10:00:00"));
          Sim.json(ctx, 201, new JsonObject().put("success", true).put("data", created));
        });
        r.put("/v1/" + res + "/:id").handler(ctx -> {
          JsonObject changed = store.update(ctx.pathParam("id"), Sim.bodyOf(ctx), (rec, b) -> rec.mergeIn(b).put("update_time", "2024-04-01 10:00:00"));
          Sim.json(ctx, changed == null ? 404 : 200, changed == null ? pipedriveNotFound() : new JsonObject().put("success", true).put("data", changed));
        });
        r.delete("/v1/" + res + "/:id").handler(ctx -> {
          boolean gone = store.delete(ctx.pathParam("id"));
          Sim.json(ctx, gone ? 200 : 404, gone ? new JsonObject().put("success", true).put("data", new JsonObject().put("id", ctx.pathParam("id")))
              : pipedriveNotFound());
        });
      }
      // Recents: items of one type changed since a UTC timestamp (YYYY-MM-DD HH:MM:SS), each as {item, id, data}
      r.get("/v1/recents").handler(ctx -> {
        String item = ctx.request().getParam("items");
        SimStore store = pipedriveStore(sim, item.equals("person") ? "persons" : "organizations");
        store.queries.add(ctx.request().query());
        String since = ctx.request().getParam("since_timestamp");
        JsonArray changed = new JsonArray();
        store.page(0, Integer.MAX_VALUE).forEach(o -> {
          JsonObject rec = (JsonObject) o;
          if (rec.getString("update_time").compareTo(since) >= 0) {
            changed.add(new JsonObject().put("item", item).put("id", rec.getValue("id")).put("data", rec));
          }
        });
        int start = Sim.intParam(ctx, "start", 0);
        int limit = Sim.intParam(ctx, "limit", 100);
        Sim.json(ctx, 200, new JsonObject().put("success", true)
            .put("data", new JsonArray(changed.getList().subList(Math.min(start, changed.size()), Math.min(changed.size(), start + limit))))
            .put("additional_data", new JsonObject().put("pagination", pipedrivePagination(start, limit, changed.size()))));
      });
    }, "api_key", b -> new JsonObject().put("api_token", "pd-token").put("webhook_username", "ferry").put("webhook_password", "pd-hook"),
        b -> ProvidersA.base(b + "/v1"), List.of("persons", "deals"), List.of("persons-5", "deals-0"), "persons", true,
        (account, install) -> {
          String body = "{\"meta\":{\"action\":\"added\",\"object\":\"person\",\"id\":5},\"current\":{\"id\":5,\"name\":\"Ann\"}}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("Authorization", "Basic " + Base64.getEncoder().encodeToString("ferry:pd-hook".getBytes()))
              .put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // Keka: kekaapi grant at login.keka.com/connect/token, pageNumber/pageSize with totalPages
  static ProviderCase keka() {
    return new ProviderCase("keka", (r, sim) -> {
      r.post("/connect/token").handler(ctx -> {
        String form = ctx.body().asString();
        if (!form.contains("grant_type=kekaapi") || !form.contains("api_key=keka-key") || !form.contains("client_secret=keka-secret")) {
          Sim.json(ctx, 400, new JsonObject().put("error", "invalid_grant"));
          return;
        }
        Sim.json(ctx, 200, new JsonObject().put("access_token", "keka-token").put("expires_in", 86400).put("token_type", "Bearer"));
      });
      for (String res : new String[] {"employees", "departments"}) {
        r.get("/api/v1/hris/" + res).handler(ctx -> {
          if (!"Bearer keka-token".equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 401, new JsonObject().put("succeeded", false).put("message", "Unauthorized"));
            return;
          }
          if (sim.firstTime(res)) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("succeeded", false).put("message", "Too many requests"));
            return;
          }
          int page = Sim.intParam(ctx, "pageNumber", 1);
          int size = Sim.intParam(ctx, "pageSize", 100);
          if (res.equals("employees")) {
            HrisSims.kekaList(ctx, sim, page, size);
            return;
          }
          Sim.json(ctx, 200, new JsonObject().put("succeeded", true).put("data", Sim.records(res, "id", (page - 1) * size, size))
              .put("pageNumber", page).put("pageSize", size).put("totalPages", (Sim.TOTAL + size - 1) / size).put("totalRecords", Sim.TOTAL));
        });
        if (res.equals("departments")) {
          r.get("/api/v1/hris/" + res + "/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("succeeded", true)
              .put("data", new JsonObject().put("id", ctx.pathParam("id")))));
        }
      }
      HrisSims.keka(r, sim);
    }, "keka_oauth", b -> new JsonObject().put("company", "acme").put("client_id", "keka-client").put("client_secret", "keka-secret")
        .put("api_key", "keka-key"),
        b -> ProvidersA.base(b + "/api/v1").put("credentials", new JsonObject().put("keka_oauth",
            new JsonObject().put("config", new JsonObject().put("auth", new JsonObject().put("tokenHost", b))))),
        List.of("employees", "departments"), List.of("employees-6", "departments-2"), "employees", true, null);
  }

  /** Pipedrive v1 persons and organizations: numeric-looking ids, {label, value, primary} lists, UTC "YYYY-MM-DD HH:MM:SS". */
  static SimStore pipedriveStore(Sim sim, String res) {
    return sim.store(res, res, "id", i -> {
      JsonObject r = new JsonObject().put("id", res + "-" + i).put("owner_id", new JsonObject().put("id", 100 + i % 2).put("name", "Owner"))
          .put("add_time", String.format("2024-01-%02d 10:00:00", i + 1)).put("update_time", String.format("2024-02-%02d 10:00:00", i + 1));
      return switch (res) {
        case "persons" -> r.put("name", "First" + i + " Last" + i).put("first_name", "First" + i).put("last_name", "Last" + i)
            .put("email", new JsonArray().add(new JsonObject().put("label", "work").put("value", "p" + i + "@acme.test").put("primary", true)))
            .put("phone", new JsonArray().add(new JsonObject().put("label", "mobile").put("value", "+49 30 00" + i).put("primary", true)))
            .put("org_id", new JsonObject().put("value", 200 + i % 3).put("name", "Org"));
        case "organizations" -> r.put("name", "Org " + i).put("address", "Street " + i);
        default -> r.put("title", "Deal " + i).put("name", "deals " + i);
      };
    });
  }

  static JsonObject pipedrivePagination(int start, int limit, int total) {
    boolean more = start + limit < total;
    JsonObject p = new JsonObject().put("start", start).put("limit", limit).put("more_items_in_collection", more);
    return more ? p.put("next_start", start + limit) : p;
  }

  static JsonObject pipedriveNotFound() {
    return new JsonObject().put("success", false).put("error", "Not found").put("errorCode", 404);
  }
}
