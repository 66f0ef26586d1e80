package io.ferry.engine.interpreter;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class InterpreterVerticleTest {

  @Test
  @DisplayName("another verticle asks over the event bus for the seed's users.list request, then for the response's meaning")
  void servesOverTheEventBus(Vertx vertx) throws Exception {
    ConfigInterpreter interpreter = new ConfigInterpreter(Jsonata.defaults(), new CursorCodec(new byte[32]));
    vertx.deployVerticle(new ConfigInterpreterVerticle(interpreter)).await();
    JsonObject seed = new JsonObject(Files.readString(Path.of("../integrations/example.json")));
    JsonObject context = new JsonObject().put("oauth", new JsonObject().put("token", new JsonObject().put("access_token", "secret_foo_bar")));
    CallInput in = CallInput.empty().withLimit(2);

    PlannedRequest planned = Bus.<PlannedRequest>request(vertx, Addresses.INTERPRETER_BUILD_REQUEST,
        new InterpretCall(seed, "seed-v1", "users", "list", "oauth2", context, new JsonObject(), in, null, "a|users|list")).await();
    assertThat(planned.request().url()).isEqualTo("https://api.example.com/users?page=1&per_page=2");
    assertThat(planned.request().header("authorization")).isEqualTo("Bearer secret_foo_bar");

    JsonObject headers = new JsonObject().put("x-ratelimit-remaining", "41");
    Buffer body = Buffer.buffer("{\"data\":{\"users\":[{\"id\":\"1\"},{\"id\":\"2\"}]}}");
    ResponseDecision decision = Bus.<ResponseDecision>request(vertx, Addresses.INTERPRETER_READ_RESPONSE,
        new InterpretResponse(planned, 2, "a|users|list", UpstreamResponse.of(200, headers, body))).await();
    assertThat(decision.error()).isNull();
    assertThat(decision.rateLimit().remaining()).isEqualTo(41L);
    assertThat(decision.page().records()).hasSize(2);
    assertThat(decision.page().nextCursor()).isNotNull();

    PlannedRequest second = Bus.<PlannedRequest>request(vertx, Addresses.INTERPRETER_BUILD_REQUEST,
        new InterpretCall(seed, "seed-v1", "users", "list", "oauth2", context, new JsonObject(), in,
            decision.page().nextCursor(), "a|users|list")).await();
    assertThat(second.request().url()).isEqualTo("https://api.example.com/users?page=2&per_page=2");

    ResponseDecision error = Bus.<ResponseDecision>request(vertx, Addresses.INTERPRETER_READ_RESPONSE,
        new InterpretResponse(planned, 2, "a|users|list", UpstreamResponse.of(200, new JsonObject(),
            Buffer.buffer("{\"error\":\"token revoked\"}")))).await();
    assertThat(error.error()).isEqualTo("token revoked");
  }
}
