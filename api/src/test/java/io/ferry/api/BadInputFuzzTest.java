package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: no request, however malformed, gets a 5xx or a non-envelope error, on either store; and a rejected write
 * stores nothing. Bodies are valid ones with one field set to a hostile value (wrong type, NUL, 300 emoji, overflowing
 * numbers and dates, the mask, ...), raw garbage, or a form body; ids and list query parameters likewise.
 */
class BadInputFuzzTest {
  static final int TRIES = 200;
  static final List<Target> TARGETS = new ArrayList<>();
  static final AtomicInteger REQUESTS = new AtomicInteger();
  static final AtomicInteger FIVE_XX = new AtomicInteger();
  static final Map<Integer, AtomicInteger> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();

  /** One Ferry (own Vert.x: one Ferry per event bus) with fixtures, and the 2xx creations seen per collection. */
  record Target(String name, Vertx vertx, FerryServer ferry, Map<String, String> ids, Map<String, AtomicInteger> created) {
  }

  @BeforeContainer
  static void start() {
    TARGETS.add(target("embedded", null));
    TARGETS.add(target("postgresql", TestDatabases.postgresUrl()));
  }

  @AfterContainer
  static void stop() {
    for (Target t : TARGETS) {
      // nothing half-written: every stored row is a fixture or an acknowledged creation
      assertThat(count(t, "/integrated-account?limit=1000")).as(t.name() + " accounts").isEqualTo(1 + t.created().get("/integrated-account").get());
      assertThat(count(t, "/webhook")).as(t.name() + " webhooks").isEqualTo(1 + t.created().get("/webhook").get());
      assertThat(count(t, "/environment")).as(t.name() + " environments").isEqualTo(2 + t.created().get("/environment").get());
      t.ferry().stop().await();
      t.vertx().close().await();
    }
    System.out.println("FUZZ: " + REQUESTS.get() + " requests, " + FIVE_XX.get() + " answered 5xx; statuses " + STATUSES);
    TARGETS.clear();
  }

  @Property(tries = TRIES)
  void noBadInputIsAServerError(@ForAll("requests") Fuzz fuzz) {
    for (Target t : TARGETS) {
      String uri = fuzz.uri().apply(t.ids());
      Object body = fuzz.body() == null ? null : fuzz.body().apply(t.ids());
      var r = send(t, fuzz.method(), uri, body, fuzz.contentType());
      REQUESTS.incrementAndGet();
      STATUSES.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
      if (r.statusCode() >= 500) {
        FIVE_XX.incrementAndGet();
      }
      String shown = body == null ? "" : String.valueOf(body);
      String what = t.name() + " " + fuzz.method() + " " + uri + " " + shown.substring(0, Math.min(300, shown.length()))
          + " -> " + r.statusCode() + " " + r.bodyAsString();
      assertThat(r.statusCode()).as(what).isLessThan(500);
      if (r.statusCode() >= 400) {
        JsonObject error = new JsonObject(r.bodyAsString());
        assertThat(error.getInteger("statusCode")).as(what).isEqualTo(r.statusCode());
        assertThat(error.getString("error")).as(what).isNotBlank();
        assertThat(error.getString("message")).as(what).isNotBlank();
      } else if (fuzz.method() == HttpMethod.POST && r.statusCode() == 201 && t.created().containsKey(fuzz.collection())) {
        t.created().get(fuzz.collection()).incrementAndGet();
      }
    }
  }

  /** A request: method, URI and body made from the target's fixture ids. */
  record Fuzz(HttpMethod method, String collection, Function<Map<String, String>, String> uri,
              Function<Map<String, String>, Object> body, String contentType) {
    @Override
    public String toString() {
      return method + " " + uri.apply(Map.of()) + " " + (body == null ? "" : body.apply(Map.of())) + " " + contentType;
    }
  }

  @Provide
  Arbitrary<Fuzz> requests() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, mutatedWrites()),
        net.jqwik.api.Tuple.of(2, garbageBodies()),
        net.jqwik.api.Tuple.of(2, listQueries()),
        net.jqwik.api.Tuple.of(1, hostileIds()));
  }

  /** A valid body of one write endpoint with one field (top level or nested) set to a hostile value. */
  Arbitrary<Fuzz> mutatedWrites() {
    return Combinators.combine(Arbitraries.of(Endpoints.WRITES), Arbitraries.integers().between(0, 50), hostile())
        .as((e, pick, value) -> new Fuzz(e.method(), e.collection(), e.uri(), ids -> {
          JsonObject body = e.body().apply(ids);
          List<String> paths = Endpoints.paths(body);
          String path = paths.isEmpty() || pick >= paths.size() * 3 ? "unexpected_field" : paths.get(pick % paths.size());
          Endpoints.set(body, path, value);
          return body;
        }, "application/json"));
  }

  Arbitrary<Fuzz> garbageBodies() {
    Arbitrary<String> raw = Arbitraries.of("", "{", "[]", "null", "\"x\"", "{\"a\":\u0000}", "{\"tenant_id\":\"\\u0000\"}",
        "tenant_id=t&context=x", "{\"a\":1}{", "\uFEFF{}", "{\"context\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
        "{\"x\":\"" + "y".repeat(2_000_000) + "\"}");
    Arbitrary<String> type = Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain",
        "multipart/form-data; boundary=x");
    return Combinators.combine(Arbitraries.of(Endpoints.WRITES), raw, type)
        .as((e, body, ct) -> new Fuzz(e.method(), e.collection(), e.uri(), ids -> Buffer.buffer(body), ct));
  }

  Arbitrary<Fuzz> listQueries() {
    Arbitrary<String> path = Arbitraries.of("/integrated-account", "/environment-integration", "/integration", "/webhook",
        "/api-token", "/environment", "/audit-log");
    Arbitrary<String> param = Arbitraries.of("limit", "next_cursor", "created_at[gt]", "created_at[lt]", "tenant_id", "status",
        "is_sandbox", "integration.name", "is_enabled", "is_active", "name", "integration_id", "environment_id", "action",
        "object_type");
    return Combinators.combine(path, param, Endpoints.QUERY_VALUES)
        .as((p, name, value) -> new Fuzz(HttpMethod.GET, p, ids -> p + "?" + name + "=" + value, null, null));
  }

  Arbitrary<Fuzz> hostileIds() {
    Arbitrary<String> path = Arbitraries.of("/integrated-account/", "/environment-integration/", "/integration/", "/webhook/",
        "/api-token/", "/environment/", "/integrated-account/%s/credentials", "/webhook/%s/deliveries",
        "/integration/%s/webhook/test");
    Arbitrary<HttpMethod> method = Arbitraries.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.POST);
    return Combinators.combine(path, method, Endpoints.IDS).as((p, m, id) -> new Fuzz(m, p,
        ids -> p.contains("%s") ? p.formatted(id) : p + id, ids -> new JsonObject().put("tenant_id", "x"), "application/json"));
  }

  static Arbitrary<Object> hostile() {
    return Arbitraries.oneOf(Endpoints.HOSTILE_VALUES, Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(300).map(s -> (Object) s));
  }

  static io.vertx.ext.web.client.HttpResponse<Buffer> send(Target t, HttpMethod method, String uri, Object body, String type) {
    var client = io.vertx.ext.web.client.WebClient.create(t.vertx());
    try {
      var request = client.request(method, t.ferry().ferry().port(), "localhost", uri)
          .putHeader("Authorization", "Bearer " + FerryServer.ADMIN_TOKEN);
      if (body == null) {
        return request.send().await();
      }
      Buffer bytes = body instanceof Buffer b ? b : ((JsonObject) body).toBuffer();
      return request.putHeader("content-type", type).sendBuffer(bytes).await();
    } finally {
      client.close();
    }
  }

  static int count(Target t, String uri) {
    return send(t, HttpMethod.GET, uri, null, null).bodyAsJsonObject().getJsonArray("result").size();
  }

  static Target target(String name, String databaseUrl) {
    Vertx vertx = Vertx.vertx();
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(databaseUrl)).await();
    Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
    ids.put("environment", ferry.admin(HttpMethod.POST, "/environment", new JsonObject().put("name", "fuzz")).await()
        .bodyAsJsonObject().getString("id"));
    var integration = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "fuzzed")
        .put("config", Endpoints.config())).await().bodyAsJsonObject();
    ids.put("integration", integration.getString("id"));
    ids.put("install", ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject()
        .put("integration_id", integration.getString("id"))).await().bodyAsJsonObject().getString("id"));
    ids.put("account", ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", ids.get("install")).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("api_key", "k"))).await().bodyAsJsonObject().getString("id"));
    ids.put("webhook", ferry.admin(HttpMethod.POST, "/webhook", new JsonObject().put("target_url", "http://127.0.0.1:9/in"))
        .await().bodyAsJsonObject().getString("id"));
    ids.put("token", ferry.admin(HttpMethod.POST, "/api-token", new JsonObject().put("environment_id", ids.get("environment"))
        .put("name", "fuzz")).await().bodyAsJsonObject().getString("id"));
    Map<String, AtomicInteger> created = Map.of("/integrated-account", new AtomicInteger(), "/webhook", new AtomicInteger(),
        "/environment", new AtomicInteger());
    return new Target(name, vertx, ferry, ids, created);
  }

}
