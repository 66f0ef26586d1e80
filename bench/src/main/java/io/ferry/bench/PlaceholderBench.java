package io.ferry.bench;

import io.ferry.engine.interpreter.Placeholders;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Rendering a typical header/query template (5 placeholders, casts, fallback) against plain string replacement. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlaceholderBench {
  JsonObject template;
  JsonObject data;

  @Setup
  public void setup() {
    template = new JsonObject().put("Authorization", "Bearer {{oauth.token.access_token}}").put("X-Tenant", "{{tenant|org_id}}")
        .put("page", "{{pagination.page:int}}").put("per_page", "{{pagination.per_page?:50:int}}")
        .put("url", "https://{{subdomain}}.zendesk.com/api/v2");
    data = new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "tok")))
        .put("org_id", "o-1").put("subdomain", "acme").put("pagination", new JsonObject().put("page", 3));
  }

  @Benchmark
  public Object placeholders() {
    return Placeholders.render(template, data);
  }

  @Benchmark
  public Object handWritten() {
    String token = data.getJsonObject("oauth").getJsonObject("token").getString("access_token");
    return new JsonObject().put("Authorization", "Bearer " + token).put("X-Tenant", data.getString("org_id"))
        .put("page", data.getJsonObject("pagination").getInteger("page")).put("per_page", 50)
        .put("url", "https://" + data.getString("subdomain") + ".zendesk.com/api/v2");
  }
}
