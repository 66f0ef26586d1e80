package io.ferry.engine.interpreter;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate-limit decisions from responses, one row each in resources/interpreter/rate-limits.json. */
class RateLimitRulesTest {

  final RateLimitRules rules = new RateLimitRules(Jsonata.defaults());

  @TestFactory
  Stream<DynamicTest> decisions() throws Exception {
    JsonArray rows = new JsonArray(Files.readString(Path.of("src/test/resources/interpreter/rate-limits.json")));
    return rows.stream().map(r -> (JsonObject) r).map(row -> DynamicTest.dynamicTest(row.getString("case"), () -> {
      Object body = row.getValue("body");
      UpstreamResponse response = UpstreamResponse.of(row.getInteger("status"), row.getJsonObject("headers"),
          body == null ? Buffer.buffer() : Buffer.buffer(io.vertx.core.json.Json.encode(body)));
      long now = row.getLong("now", System.currentTimeMillis());
      RateLimitDecision d = rules.decide(row.getJsonObject("rate_limit"), response, now);
      JsonObject expect = row.getJsonObject("expect");
      assertThat(d.limited()).isEqualTo(expect.getBoolean("limited"));
      assertThat(d.waitMillis()).isEqualTo(expect.getLong("wait"));
      assertThat(d.remaining()).isEqualTo(expect.getLong("remaining"));
      assertThat(d.limit()).isEqualTo(expect.getLong("limit"));
      assertThat(d.resetMillis()).isEqualTo(expect.getLong("reset"));
    }));
  }
}
