package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Config + context + call → the exact upstream request, one data file per case in resources/interpreter/requests. */
class GoldenRequestTest {

  static final Path CASES = Path.of("src/test/resources/interpreter/requests");
  final ConfigInterpreter interpreter = new ConfigInterpreter(Jsonata.defaults(), new CursorCodec(new byte[32]));

  @TestFactory
  Stream<DynamicTest> goldenRequests() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.sorted().toList().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
        JsonObject c = new JsonObject(Files.readString(file));
        JsonObject config = c.containsKey("config_file")
            ? new JsonObject(Files.readString(Path.of("../integrations").resolve(c.getString("config_file"))))
            : c.getJsonObject("config");
        JsonObject call = c.getJsonObject("call");
        CallInput in = new CallInput(call.getString("id"), call.getJsonObject("query", new JsonObject()), call.getValue("body"),
            new JsonObject(), call.getInteger("limit"));
        PlannedRequest planned = ConfigInterpreterVerticle.plan(interpreter, new InterpretCall(config, file.toString(),
            call.getString("resource"), call.getString("method"), c.getString("authentication_method"), c.getJsonObject("context"),
            new JsonObject(), in, null, "acct|" + call.getString("resource")));
        UpstreamRequest r = planned.request();
        JsonObject expect = c.getJsonObject("expect");
        assertThat(r.method()).as(c.getString("description")).isEqualTo(expect.getString("method"));
        assertThat(r.url()).as(c.getString("description")).isEqualTo(expect.getString("url"));
        assertThat(headers(r.headers())).as(c.getString("description")).isEqualTo(expect.getJsonArray("headers"));
        assertThat(r.body() == null ? null : r.body().toString()).as(c.getString("description")).isEqualTo(expect.getString("body"));
      }));
    }
  }

  static JsonArray headers(List<Map.Entry<String, String>> headers) {
    JsonArray out = new JsonArray();
    headers.forEach(h -> out.add(new JsonArray().add(h.getKey()).add(h.getValue())));
    return out;
  }
}
