package io.ferry.bench;

import com.api.jsonata4java.Expression;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.ResponseScope;
import io.ferry.engine.interpreter.UpstreamResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JSONata facade (com.dashjoin:jsonata + Truto's library, issue #18) against the engine it replaced, jsonata4java
 * 2.6.2 driven the way the old facade drove it (Jackson tree of the scope, evaluate, convert back), in the same run:
 * rate-limit and error shapes over one response scope, and a 50-record unified mapping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class JsonataBench {
  static final Map<String, String> SHAPES = Map.of(
      "status429", "status = 429",
      "remaining", "$number(headers.`x-ratelimit-remaining`)",
      "guardedError", "status >= 400 ? data.error : null",
      "rateLimitOr", "status = 429 or headers.`x-ratelimit-remaining` = '0'",
      "errorObject", "status >= 400 ? {'message': data.error.message, 'code': data.error.code} : null");
  static final String MAPPING = "results.{'id': id, 'email': $lowercase(properties.email), 'name': properties.firstname & ' ' & properties.lastname,"
      + " 'stage': properties.lifecyclestage = 'customer' ? 'customer' : 'lead', 'created_at': createdAt,"
      + " 'employees': $number(properties.num_employees), 'tags': properties.tags[$ != '']}";

  @Param({"status429", "remaining", "guardedError", "rateLimitOr", "errorObject"})
  public String shape;

  final Jsonata jsonata = Jsonata.defaults();
  UpstreamResponse response;
  JsonObject records;
  Expression legacyShape;
  Expression legacyMapping;
  static final ObjectMapper MAPPER = DatabindCodec.mapper();

  @Setup
  public void setup() throws Exception {
    response = UpstreamResponse.of(429, new JsonObject().put("x-ratelimit-remaining", "0").put("retry-after", "3"),
        Buffer.buffer("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limited\"},\"data\":[1,2,3]}"));
    JsonArray results = new JsonArray();
    for (int i = 0; i < 50; i++) {
      results.add(new JsonObject().put("id", String.valueOf(1000 + i)).put("createdAt", "2024-01-10T12:00:00.000Z").put("properties",
          new JsonObject().put("email", "User" + i + "@Example.com").put("firstname", "First" + i).put("lastname", "Last" + i)
              .put("lifecyclestage", i % 3 == 0 ? "customer" : "lead").put("num_employees", String.valueOf(i * 3))
              .put("tags", new JsonArray().add("a").add("").add("b"))));
    }
    records = new JsonObject().put("results", results);
    legacyShape = Expression.jsonata(SHAPES.get(shape));
    legacyMapping = Expression.jsonata(MAPPING);
  }

  /** The rate-limit/error shape through the facade (native fast path where the shape is known). */
  @Benchmark
  public Object shape() {
    return jsonata.evaluate(SHAPES.get(shape), new ResponseScope(response), "/rate_limit");
  }

  /** The same shape through jsonata4java over the scope's Jackson tree, as before #18 (no fast path). */
  @Benchmark
  public Object shapeJsonata4java() throws Exception {
    ObjectNode scope = MAPPER.createObjectNode();
    scope.put("status", response.status()).put("status_code", response.status());
    scope.set("headers", MAPPER.valueToTree(response.headers().getMap()));
    JsonNode body = MAPPER.readTree(response.raw().getBytes());
    scope.set("body", body);
    scope.set("data", body);
    scope.set("response", body);
    JsonNode r = legacyShape.evaluate(scope, 60_000, 200);
    return r == null ? null : MAPPER.convertValue(r, Object.class);
  }

  @Benchmark
  public Object mapping50() {
    return jsonata.evaluate(MAPPING, records, "/mapping");
  }

  @Benchmark
  public Object mapping50Jsonata4java() throws Exception {
    JsonNode r = legacyMapping.evaluate(MAPPER.valueToTree(records.getMap()), 60_000, 200);
    return r == null ? null : new JsonArray(MAPPER.convertValue(r, java.util.List.class));
  }
}
