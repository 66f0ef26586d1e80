package io.ferry.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class GracefulShutdownTest extends ProxyTestBase {

  @Override
  void routes(FakeUpstream up) {
    up.router.get("/users/:id").handler(ctx -> ctx.vertx().setTimer(800, t -> FakeUpstream.json(ctx, 200,
        new JsonObject().put("data", new JsonObject().put("id", ctx.pathParam("id"))))));
  }

  @Override
  void stopAll() {
    // the test stops Ferry itself
  }

  @Test
  @DisplayName("stopping Ferry lets an in-flight proxy call finish, then refuses new connections")
  void inFlightCallFinishes() {
    String id = importAccount(new JsonObject().put("api_key", "k"), "api_key", false);
    Future<Integer> inFlight = ferry.admin(HttpMethod.GET, "/proxy/users/u1?integrated_account_id=" + id, null).map(r -> r.statusCode());
    vertx.timer(200).await();
    int port = ferry.ferry().port();
    Future<Void> stopping = ferry.stop();
    assertThat(inFlight.await()).isEqualTo(200);
    stopping.await();
    var after = vertx.createHttpClient().request(HttpMethod.GET, port, "localhost", "/health").compose(r -> r.send());
    assertThat(after.transform(ar -> Future.succeededFuture(ar.failed())).await()).as("refused after stop").isTrue();
  }
}
