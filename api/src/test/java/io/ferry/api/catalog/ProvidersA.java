package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Simulators of Zendesk, HubSpot, GitHub, Slack, Stripe, Shopify and Jira, written from their public API docs. */
final class ProvidersA {
  private ProvidersA() {
  }

  static JsonObject base(String url) {
    return new JsonObject().put("base_url", url);
  }

  // Zendesk: cursor pagination (page[size], page[after]; meta.has_more, meta.after_cursor), API token basic auth
  static ProviderCase zendesk() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("agent@acme.test/token:zd-token".getBytes());
    return new ProviderCase("zendesk", (r, sim) -> {
      for (String[] res : new String[][] {{"users", "user"}, {"tickets", "ticket"}}) {
        r.get("/api/v2/" + res[0] + ".json").handler(ctx -> {
          if (!basic.equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 401, new JsonObject().put("error", "Couldn't authenticate you"));
          } else if (sim.firstTime(res[0])) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("error", "APIRateLimitExceeded").put("description", "Number of allowed API requests per minute exceeded"));
          } else {
            int size = Sim.intParam(ctx, "page[size]", 100);
            String after = ctx.request().getParam("page[after]");
            int from = after == null ? 0 : Integer.parseInt(after.substring(1));
            boolean tickets = res[0].equals("tickets");
            int total = tickets ? TicketingSims.zendeskStore(sim).size() : Sim.TOTAL;
            boolean more = from + size < total;
            ctx.response().putHeader("x-rate-limit", "700").putHeader("x-rate-limit-remaining", "650");
            Sim.json(ctx, 200, new JsonObject().put(res[0], tickets ? TicketingSims.zendeskStore(sim).page(from, size)
                    : Sim.records(res[1], "id", from, size))
                .put("meta", new JsonObject().put("has_more", more).put("after_cursor", more ? "c" + (from + size) : null)));
          }
        });
        if (res[0].equals("users")) {
          r.get("/api/v2/users/:file").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("user",
              new JsonObject().put("id", ctx.pathParam("file").replace(".json", "")))));
        }
      }
      TicketingSims.zendesk(r, sim);
    }, "api_key", b -> new JsonObject().put("subdomain", "acme").put("email", "agent@acme.test").put("api_token", "zd-token")
        .put("webhook_secret", "zd-signing"),
        b -> base(b + "/api/v2"), List.of("users", "tickets"), List.of("user-2", "ticket-5"), "users", true,
        (account, install) -> {
          String body = "{\"type\":\"zen:event-type:ticket.created\",\"detail\":{\"id\":\"35436\"}}";
          String ts = Instant.now().toString();
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Zendesk-Webhook-Signature", Sign.b64256("zd-signing", ts + body))
              .put("X-Zendesk-Webhook-Signature-Timestamp", ts).put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // HubSpot CRM v3: after cursor in paging.next.after, X-HubSpot-RateLimit-* headers, v3 webhook signatures
  static ProviderCase hubspot() {
    return new ProviderCase("hubspot", (r, sim) -> {
      for (String res : new String[] {"contacts", "companies"}) {
        SimStore store = hubspotStore(sim, res);
        String modified = res.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
        r.get("/crm/v3/objects/" + res).handler(ctx -> {
          ctx.response().putHeader("X-HubSpot-RateLimit-Max", "190").putHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
          if (sim.firstTime(res)) {
            ctx.response().putHeader("X-HubSpot-RateLimit-Remaining", "0");
            Sim.json(ctx, 429, new JsonObject().put("status", "error").put("message", "You have reached your ten_secondly_rolling limit.")
                .put("errorType", "RATE_LIMIT").put("policyName", "TEN_SECONDLY_ROLLING"));
            return;
          }
          store.queries.add(ctx.request().query() == null ? "" : ctx.request().query());
          int limit = Sim.intParam(ctx, "limit", 10);
          int from = Sim.intParam(ctx, "after", 0);
          JsonObject body = new JsonObject().put("results", store.page(from, limit));
          if (from + limit < store.size()) {
            body.put("paging", new JsonObject().put("next", new JsonObject().put("after", Integer.toString(from + limit))));
          }
          ctx.response().putHeader("X-HubSpot-RateLimit-Remaining", "180");
          Sim.json(ctx, 200, body);
        });
        // CRM search: filterGroups of {propertyName, operator, value}; after/limit in the body
        r.post("/crm/v3/objects/" + res + "/search").handler(ctx -> {
          JsonObject q = Sim.bodyOf(ctx);
          store.queries.add(q.encode());
          JsonArray matching = new JsonArray();
          store.page(0, Integer.MAX_VALUE).forEach(o -> {
            JsonObject rec = (JsonObject) o;
            boolean ok = true;
            for (Object g : q.getJsonArray("filterGroups", new JsonArray())) {
              for (Object f : ((JsonObject) g).getJsonArray("filters", new JsonArray())) {
                JsonObject filter = (JsonObject) f;
                String actual = rec.getJsonObject("properties").getString(filter.getString("propertyName"));
                int cmp = actual == null ? -1 : actual.compareTo(filter.getString("value"));
                ok &= switch (filter.getString("operator")) {
                  case "GT" -> cmp > 0;
                  case "GTE" -> cmp >= 0;
                  case "LT" -> cmp < 0;
                  case "LTE" -> cmp <= 0;
                  case "EQ" -> cmp == 0;
                  default -> false;
                };
              }
            }
            if (ok) {
              matching.add(rec);
            }
          });
          int limit = q.getInteger("limit", 10);
          int from = q.getValue("after") == null ? 0 : Integer.parseInt(String.valueOf(q.getValue("after")));
          JsonObject body = new JsonObject().put("total", matching.size())
              .put("results", new JsonArray(matching.getList().subList(Math.min(from, matching.size()), Math.min(matching.size(), from + limit))));
          if (from + limit < matching.size()) {
            body.put("paging", new JsonObject().put("next", new JsonObject().put("after", Integer.toString(from + limit))));
          }
          Sim.json(ctx, 200, body);
        });
        r.get("/crm/v3/objects/" + res + "/:id").handler(ctx -> {
          JsonObject found = store.get(ctx.pathParam("id"));
          Sim.json(ctx, found == null ? 404 : 200, found == null ? hubspotNotFound() : found);
        });
        r.post("/crm/v3/objects/" + res).handler(ctx -> {
          JsonObject body = Sim.bodyOf(ctx);
          if (!(body.getValue("properties") instanceof JsonObject props)) {
            Sim.json(ctx, 400, new JsonObject().put("status", "error").put("message", "Invalid input JSON on line 1: properties is required")
                .put("category", "VALIDATION_ERROR"));
            return;
          }
          Sim.json(ctx, 201, store.create(body, (id, b) -> new JsonObject().put("id", id).put("properties", props.copy()
              .put("createdate", Sim.day(3, 0)).put(modified, Sim.day(3, 0))).put("createdAt", Sim.day(3, 0))
              .put("updatedAt", Sim.day(3, 0)).put("archived", false)));
        });
        r.patch("/crm/v3/objects/" + res + "/:id").handler(ctx -> {
          JsonObject changed = store.update(ctx.pathParam("id"), Sim.bodyOf(ctx), (rec, b) -> {
            b.getJsonObject("properties", new JsonObject()).forEach(e -> rec.getJsonObject("properties").put(e.getKey(), e.getValue()));
            rec.getJsonObject("properties").put(modified, Sim.day(4, 0));
            return rec.put("updatedAt", Sim.day(4, 0));
          });
          Sim.json(ctx, changed == null ? 404 : 200, changed == null ? hubspotNotFound() : changed);
        });
        r.delete("/crm/v3/objects/" + res + "/:id").handler(ctx -> {
          if (store.delete(ctx.pathParam("id"))) {
            ctx.response().setStatusCode(204).end();
          } else {
            Sim.json(ctx, 404, hubspotNotFound());
          }
        });
      }
    }, "oauth2", b -> new JsonObject().put("client_secret", "hs-app-secret").put("oauth", new JsonObject().put("token",
        new JsonObject().put("access_token", "hs-token").put("expires_in", 1800))),
        ProvidersA::base, List.of("contacts", "companies"), List.of("contacts-3", "companies-1"), "contacts", true,
        (account, install) -> {
          String body = "[{\"objectId\":1246965,\"subscriptionType\":\"contact.creation\",\"portalId\":62515}]";
          String ts = Long.toString(System.currentTimeMillis());
          String uri = "http://localhost:" + CatalogEndToEndTest.port + "/integrated-account-webhook/" + account;
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-HubSpot-Signature-v3", Sign.b64256("hs-app-secret", "POST" + uri + body + ts))
              .put("X-HubSpot-Request-Timestamp", ts).put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // GitHub: Link header pagination, 403 with x-ratelimit-remaining 0 and x-ratelimit-reset, X-Hub-Signature-256
  static ProviderCase github() {
    return new ProviderCase("github", (r, sim) -> {
      r.get("/users").handler(ctx -> {
        if (sim.firstTime("users")) {
          ctx.response().putHeader("x-ratelimit-limit", "60").putHeader("x-ratelimit-remaining", "0")
              .putHeader("x-ratelimit-reset", Long.toString(System.currentTimeMillis() / 1000 + 2));
          Sim.json(ctx, 403, new JsonObject().put("message", "API rate limit exceeded for user ID 1.")
              .put("documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"));
          return;
        }
        int perPage = Sim.intParam(ctx, "per_page", 30);
        int since = Sim.intParam(ctx, "since", 0);
        if (since + perPage < Sim.TOTAL) {
          ctx.response().putHeader("Link", "<" + Sim.base(ctx) + "/users?per_page=" + perPage + "&since=" + (since + perPage) + ">; rel=\"next\"");
        }
        ctx.response().putHeader("x-ratelimit-limit", "5000").putHeader("x-ratelimit-remaining", "4990");
        Sim.json(ctx, 200, Sim.records("user", "login", since, perPage));
      });
      r.get("/user/repos").handler(ctx -> {
        int perPage = Sim.intParam(ctx, "per_page", 30);
        int page = Sim.intParam(ctx, "page", 1);
        if (page * perPage < Sim.TOTAL) {
          ctx.response().putHeader("Link", "<" + Sim.base(ctx) + "/user/repos?per_page=" + perPage + "&page=" + (page + 1)
              + ">; rel=\"next\", <" + Sim.base(ctx) + "/user/repos?per_page=" + perPage + "&page=3>; rel=\"last\"");
        }
        Sim.json(ctx, 200, Sim.records("repo", "id", (page - 1) * perPage, perPage));
      });
      r.get("/users/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("login", ctx.pathParam("id"))));
      r.get("/repositories/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
    }, "api_key", b -> new JsonObject().put("api_key", "ghp_test").put("webhook_secret", "It's a Secret to Everybody"),
        ProvidersA::base, List.of("users", "repos"), List.of("user-1", "repo-4"), "users", true,
        (account, install) -> {
          String body = "{\"action\":\"opened\",\"issue\":{\"number\":1347}}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Hub-Signature-256", "sha256=" + Sign.hex256("It's a Secret to Everybody", body))
              .put("X-GitHub-Event", "issues").put("X-GitHub-Delivery", "72d3162e").put("Content-Type", "application/json"),
              body, "record:created");
        });
  }

  // Slack Web API: cursor in response_metadata.next_cursor, ok:false errors with HTTP 200, 429 + Retry-After, v0 signatures
  static ProviderCase slack() {
    return new ProviderCase("slack", (r, sim) -> {
      for (String[] res : new String[][] {{"users.list", "members", "U"}, {"conversations.list", "channels", "C"}}) {
        r.get("/api/" + res[0]).handler(ctx -> {
          if (!"Bearer xoxb-test".equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 200, new JsonObject().put("ok", false).put("error", "invalid_auth"));
          } else if (sim.firstTime(res[0])) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("ok", false).put("error", "ratelimited"));
          } else {
            int limit = Sim.intParam(ctx, "limit", 100);
            String cursor = ctx.request().getParam("cursor");
            int from = cursor == null || cursor.isEmpty() ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(cursor)).substring(5));
            String next = from + limit < Sim.TOTAL ? Base64.getEncoder().encodeToString(("user:" + (from + limit)).getBytes()) : "";
            Sim.json(ctx, 200, new JsonObject().put("ok", true).put(res[1], Sim.records(res[2], "id", from, limit))
                .put("response_metadata", new JsonObject().put("next_cursor", next)));
          }
        });
      }
      r.get("/api/users.info").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("ok", true)
          .put("user", new JsonObject().put("id", ctx.request().getParam("user")))));
      r.get("/api/conversations.info").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("ok", true)
          .put("channel", new JsonObject().put("id", ctx.request().getParam("channel")))));
    }, "oauth2", b -> new JsonObject().put("team_id", "T061EG9R6").put("signing_secret", "slack-signing")
        .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "xoxb-test"))),
        b -> base(b + "/api"), List.of("users", "conversations"), List.of("U-2", "C-6"), "users.list", true,
        (account, install) -> {
          String body = "{\"token\":\"x\",\"team_id\":\"T061EG9R6\",\"type\":\"event_callback\",\"event\":{\"type\":\"message\",\"text\":\"hi\"}}";
          String ts = Long.toString(System.currentTimeMillis() / 1000);
          return new ProviderCase.Webhook("/environment-integration-webhook/" + install, new JsonObject()
              .put("X-Slack-Request-Timestamp", ts).put("X-Slack-Signature", "v0=" + Sign.hex256("slack-signing", "v0:" + ts + ":" + body))
              .put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // Stripe: starting_after = last object's id while has_more, 429 for rate limits, Stripe-Signature t=,v1=
  static ProviderCase stripe() {
    return new ProviderCase("stripe", (r, sim) -> {
      for (String[] res : new String[][] {{"customers", "cus"}, {"charges", "ch"}}) {
        r.get("/v1/" + res[0]).handler(ctx -> {
          if (!"Bearer sk_test_123".equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 401, new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error").put("message", "Invalid API Key provided")));
          } else if (sim.firstTime(res[0])) {
            Sim.json(ctx, 429, new JsonObject().put("error", new JsonObject().put("type", "rate_limit_error")
                .put("message", "Too many requests hit the API too quickly.")));
          } else {
            int limit = Sim.intParam(ctx, "limit", 10);
            String after = ctx.request().getParam("starting_after");
            int from = after == null ? 0 : Integer.parseInt(after.substring(after.indexOf('-') + 1)) + 1;
            Sim.json(ctx, 200, new JsonObject().put("object", "list").put("url", "/v1/" + res[0])
                .put("has_more", from + limit < Sim.TOTAL).put("data", Sim.records(res[1], "id", from, limit)));
          }
        });
        r.get("/v1/" + res[0] + "/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
      }
    }, "api_key", b -> new JsonObject().put("api_key", "sk_test_123").put("webhook_secret", "whsec_test_secret"),
        b -> base(b + "/v1"), List.of("customers", "charges"), List.of("cus-3", "ch-0"), "customers", true,
        (account, install) -> {
          String body = "{\"id\":\"evt_1\",\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_9\",\"object\":\"customer\"}}}";
          long t = System.currentTimeMillis() / 1000;
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("Stripe-Signature", "t=" + t + ",v1=" + Sign.hex256("whsec_test_secret", t + "." + body) + ",v0=deadbeef")
              .put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // Shopify Admin REST: Link header with page_info, leaky bucket X-Shopify-Shop-Api-Call-Limit, base64 HMAC webhooks
  static ProviderCase shopify() {
    return new ProviderCase("shopify", (r, sim) -> {
      for (String[] res : new String[][] {{"products", "product"}, {"orders", "order"}}) {
        r.get("/admin/api/2024-10/" + res[0] + ".json").handler(ctx -> {
          if (!"shpat_test".equals(ctx.request().getHeader("x-shopify-access-token"))) {
            Sim.json(ctx, 401, new JsonObject().put("errors", "[API] Invalid API key or access token"));
            return;
          }
          if (sim.firstTime(res[0])) {
            ctx.response().putHeader("Retry-After", "1.0").putHeader("X-Shopify-Shop-Api-Call-Limit", "40/40");
            Sim.json(ctx, 429, new JsonObject().put("errors", "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."));
            return;
          }
          int limit = Sim.intParam(ctx, "limit", 50);
          String pageInfo = ctx.request().getParam("page_info");
          int from = pageInfo == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(pageInfo)));
          if (from + limit < Sim.TOTAL) {
            String next = Base64.getEncoder().encodeToString(Integer.toString(from + limit).getBytes());
            ctx.response().putHeader("Link", "<" + Sim.base(ctx) + "/admin/api/2024-10/" + res[0] + ".json?limit=" + limit
                + "&page_info=" + next + ">; rel=\"next\"");
          }
          ctx.response().putHeader("X-Shopify-Shop-Api-Call-Limit", "3/40");
          Sim.json(ctx, 200, new JsonObject().put(res[0], Sim.records(res[1], "id", from, limit)));
        });
        r.get("/admin/api/2024-10/" + res[0] + "/:file").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put(res[1],
            new JsonObject().put("id", ctx.pathParam("file").replace(".json", "")))));
      }
    }, "oauth2", b -> new JsonObject().put("shop", "acme").put("client_secret", "shp-app-secret")
        .put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "shpat_test"))),
        b -> base(b + "/admin/api/2024-10"), List.of("products", "orders"), List.of("product-1", "order-2"), "products", true,
        (account, install) -> {
          String body = "{\"id\":820982911946154508,\"email\":\"jon@example.com\"}";
          return new ProviderCase.Webhook("/environment-integration-webhook/" + install, new JsonObject()
              .put("X-Shopify-Hmac-Sha256", Sign.b64256("shp-app-secret", body)).put("X-Shopify-Topic", "orders/create")
              .put("X-Shopify-Shop-Domain", "acme.myshopify.com").put("X-Shopify-Webhook-Id", "b54557e4")
              .put("Content-Type", "application/json"), body, "record:created");
        });
  }

  // Jira Cloud REST v3: offset startAt/maxResults, 429 + Retry-After, basic auth email:api_token
  static ProviderCase jira() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("me@acme.test:jira-token".getBytes());
    return new ProviderCase("jira", (r, sim) -> {
      TicketingSims.jira(r, sim);
      r.get("/rest/api/3/project/search").handler(ctx -> {
        if (!basic.equals(ctx.request().getHeader("authorization"))) {
          Sim.json(ctx, 401, new JsonObject().put("errorMessages", new JsonArray().add("Client must be authenticated")));
        } else if (sim.firstTime("projects")) {
          ctx.response().putHeader("Retry-After", "1").putHeader("X-RateLimit-Limit", "100").putHeader("X-RateLimit-Remaining", "0");
          Sim.json(ctx, 429, new JsonObject().put("errorMessages", new JsonArray().add("Rate limit exceeded")));
        } else {
          int start = Sim.intParam(ctx, "startAt", 0);
          int max = Sim.intParam(ctx, "maxResults", 50);
          Sim.json(ctx, 200, new JsonObject().put("startAt", start).put("maxResults", max).put("total", Sim.TOTAL)
              .put("isLast", start + max >= Sim.TOTAL).put("values", Sim.records("project", "id", start, max)));
        }
      });
      r.get("/rest/api/3/users/search").handler(ctx -> Sim.json(ctx, 200,
          Sim.records("user", "accountId", Sim.intParam(ctx, "startAt", 0), Sim.intParam(ctx, "maxResults", 50))));
      r.get("/rest/api/3/project/:id").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("id", ctx.pathParam("id"))));
      r.get("/rest/api/3/user").handler(ctx -> Sim.json(ctx, 200, new JsonObject().put("accountId", ctx.request().getParam("accountId"))));
    }, "api_key", b -> new JsonObject().put("site", "acme").put("email", "me@acme.test").put("api_token", "jira-token")
        .put("webhook_secret", "jira-hook"),
        b -> base(b + "/rest/api/3"), List.of("projects", "users"), List.of("project-2", "user-3"), "projects", true,
        (account, install) -> {
          String body = "{\"webhookEvent\":\"jira:issue_created\",\"issue\":{\"id\":\"10001\",\"key\":\"ACME-1\"}}";
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Hub-Signature", "sha256=" + Sign.hex256("jira-hook", body)).put("Content-Type", "application/json"),
              body, "record:created");
        });
  }

  /** HubSpot CRM v3 objects: {id, properties{...}, createdAt, updatedAt, archived}. */
  static SimStore hubspotStore(Sim sim, String res) {
    return sim.store(res, res, "id", i -> {
      JsonObject p = res.equals("contacts")
          ? new JsonObject().put("firstname", "First" + i).put("lastname", "Last" + i).put("email", "person" + i + "@acme.test")
              .put("phone", i % 2 == 0 ? "+1 555 010" + i : null).put("hubspot_owner_id", "owner-" + (i % 3))
              .put("associatedcompanyid", "companies-" + (i % 4)).put("createdate", Sim.day(1, i)).put("lastmodifieddate", Sim.day(2, i))
          : new JsonObject().put("name", "Company " + i).put("domain", "company" + i + ".test").put("industry", "COMPUTER_SOFTWARE")
              .put("hubspot_owner_id", "owner-" + (i % 3)).put("createdate", Sim.day(1, i)).put("hs_lastmodifieddate", Sim.day(2, i));
      return new JsonObject().put("id", res + "-" + i).put("properties", p.put("hs_object_id", res + "-" + i))
          .put("createdAt", Sim.day(1, i)).put("updatedAt", Sim.day(2, i)).put("archived", false);
    });
  }

  static JsonObject hubspotNotFound() {
    return new JsonObject().put("status", "error").put("message", "resource not found").put("category", "OBJECT_NOT_FOUND");
  }
}
