package io.ferry.bench;

import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.ConfigInterpreter;
import io.ferry.engine.interpreter.ConfigInterpreterVerticle;
import io.ferry.engine.interpreter.CursorCodec;
import io.ferry.engine.interpreter.InterpretCall;
import io.ferry.engine.interpreter.InterpretResponse;
import io.ferry.engine.interpreter.Jsonata;
import io.ferry.engine.interpreter.PlannedRequest;
import io.ferry.engine.interpreter.ResponseDecision;
import io.ferry.engine.interpreter.UpstreamResponse;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Build-request + read-response for the seed's {@code resources.users.list} with warm caches, against a baseline
 * that does the same by hand (string URL, fixed headers, JSON parse and path read) in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBench {

  ConfigInterpreter interpreter;
  JsonObject seed;
  JsonObject context;
  JsonObject headers;
  Buffer body;
  CallInput input;

  @Setup
  public void setup() throws IOException {
    interpreter = new ConfigInterpreter(Jsonata.defaults(), new CursorCodec(new byte[32]));
    try (InputStream in = InterpreterBench.class.getClassLoader().getResourceAsStream("integrations/example.json")) {
      seed = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    context = new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "secret_foo_bar")));
    headers = new JsonObject().put("x-ratelimit-remaining", "41").put("content-type", "application/json");
    JsonArray users = new JsonArray();
    for (int i = 0; i < 10; i++) {
      users.add(new JsonObject().put("id", "123e4567-e89b-12d3-a456-42661417400" + i).put("name", "John Doe").put("email", "john.doe@example.com"));
    }
    body = new JsonObject().put("data", new JsonObject().put("users", users)).toBuffer();
    input = CallInput.empty().withLimit(10);
  }

  @Benchmark
  public ResponseDecision interpreter() {
    PlannedRequest planned = ConfigInterpreterVerticle.plan(interpreter, new InterpretCall(seed, "seed-v1", "users", "list",
        "oauth2", context, null, input, null, "acct|users|list"));
    return ConfigInterpreterVerticle.decide(interpreter, new InterpretResponse(planned, 10, "acct|users|list",
        UpstreamResponse.of(200, headers, body)), System.currentTimeMillis());
  }

  @Benchmark
  public Object handWritten() {
    String token = context.getJsonObject("oauth").getJsonObject("token").getString("access_token");
    String url = "https://api.example.com/users?page=1&per_page=" + 10;
    String[][] hs = {{"Content-Type", "application/json"}, {"Accept", "application/json"}, {"User-Agent", "truto"},
        {"Authorization", "Bearer " + token}};
    JsonObject parsed = new JsonObject(body);
    JsonArray records = parsed.getJsonObject("data").getJsonArray("users");
    long remaining = Long.parseLong(headers.getString("x-ratelimit-remaining"));
    return new Object[] {url, hs, records, remaining};
  }
}
