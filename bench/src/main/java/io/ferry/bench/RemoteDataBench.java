package io.ferry.bench;

import io.ferry.engine.interpreter.UpstreamResponse;
import io.ferry.engine.json.Json;
import io.ferry.engine.json.JsonWriter;
import io.ferry.engine.json.SplicedValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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

/**
 * Writing a unified page's {@code remote_data}: the 10 HubSpot contacts of {@link UnifiedBench} encoded again from
 * their parse ({@code encoded}) against copied from the upstream's bytes ({@code spliced}: finding them in the bytes
 * included), beside 10 mapped contacts. {@code proxyPage} is the proxy's answer for the same records, for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RemoteDataBench {
  Buffer raw;
  Object parsed;
  JsonArray records;
  JsonObject answer;
  JsonObject proxyAnswer;

  @Setup
  public void setUp() {
    raw = UnifiedBench.contacts();
    parsed = UpstreamResponse.parse(raw);
    records = (JsonArray) Json.at(parsed, "results");
    JsonArray result = new JsonArray();
    for (int i = 0; i < records.size(); i++) {
      JsonObject p = records.getJsonObject(i).getJsonObject("properties");
      result.add(new JsonObject().put("id", records.getJsonObject(i).getString("id")).put("first_name", p.getString("firstname"))
          .put("last_name", p.getString("lastname")).put("name", p.getString("firstname") + " " + p.getString("lastname"))
          .put("email_addresses", new JsonArray().add(new JsonObject().put("email", p.getString("email")).put("type", "primary")))
          .put("owner", new JsonObject().put("id", "77")).put("created_at", "2024-01-01T10:00:00.000Z")
          .put("updated_at", "2024-02-01T10:00:00.000Z").put("remote_data", records.getValue(i)));
    }
    answer = new JsonObject().put("result", result).put("next_cursor", "c").put("result_count", 10);
    proxyAnswer = new JsonObject().put("result", records).put("next_cursor", "c").put("result_count", 10);
  }

  @Benchmark
  public Buffer encoded() {
    return JsonWriter.encode(answer);
  }

  @Benchmark
  public Buffer spliced() {
    return JsonWriter.encode(answer, SplicedValues.of(raw, parsed, records));
  }

  @Benchmark
  public Buffer proxyPage() {
    return JsonWriter.encode(proxyAnswer);
  }
}
