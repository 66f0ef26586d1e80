package io.ferry.api;

import io.ferry.engine.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One node on PostgreSQL: what it does when it loses the notification channel or the database. */
@ExtendWith(VertxExtension.class)
@DisplayName("cluster channel: a node that loses notifications drops its caches; /ready follows the database")
class ClusterChannelTest {

  FerryServer ferry;
  Database db;

  @AfterEach
  void stop() {
    if (ferry != null) {
      ferry.stop().await();
    }
    if (db != null) {
      db.close().await();
    }
  }

  @Test
  @DisplayName("after the LISTEN connection is killed and regained, a change it could not hear of is served")
  void regainedChannelDropsCaches(Vertx vertx) {
    FakeUpstream upstream = new FakeUpstream(vertx);
    upstream.router.get("/echo/:w").handler(ctx -> FakeUpstream.json(ctx, 200, new JsonObject().put("w", ctx.pathParam("w"))));
    upstream.start(vertx).await();
    String url = TestDatabases.postgresUrl();
    ferry = FerryServer.start(vertx, FerryServer.options(url)).await();
    db = Database.open(vertx, FerryServer.options(url));
    String integration = ferry.admin(HttpMethod.POST, "/integration", new JsonObject().put("name", "acme").put("category", "crm")
        .put("config", TwoNodeClusterTest.config(upstream.base()))).await().bodyAsJsonObject().getString("id");
    String install = ferry.admin(HttpMethod.POST, "/environment-integration", new JsonObject().put("integration_id", integration))
        .await().bodyAsJsonObject().getString("id");
    String account = ferry.admin(HttpMethod.POST, "/integrated-account", new JsonObject().put("tenant_id", "t")
        .put("environment_integration_id", install).put("authentication_method", "api_key")
        .put("context", new JsonObject().put("api_key", "k").put("workspace", "w0"))).await().bodyAsJsonObject().getString("id");
    String path = "/proxy/echo/x?integrated_account_id=" + account;
    assertThat(ferry.admin(HttpMethod.GET, path, null).await().bodyAsJsonObject().getString("w")).isEqualTo("w0");

    // a change no node announced (as if its notice was lost): the cached account is still served
    db.run("UPDATE integrated_account SET context = REPLACE(context, '\"w0\"', '\"w1\"') WHERE id = #{id}", Map.of("id", account)).await();
    assertThat(ferry.admin(HttpMethod.GET, path, null).await().bodyAsJsonObject().getString("w")).isEqualTo("w0");

    long killed = db.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ferry-cluster-listener'"
        + " AND query LIKE '%' || current_schema() || '%'", Map.of()).await().size();
    assertThat(killed).as("this node's LISTEN connection").isEqualTo(1);
    String served = "w0";
    for (int i = 0; i < 50 && served.equals("w0"); i++) {
      vertx.timer(100).await();
      served = ferry.admin(HttpMethod.GET, path, null).await().bodyAsJsonObject().getString("w");
    }
    assertThat(served).as("caches dropped once the channel is back").isEqualTo("w1");
  }

  @Test
  @DisplayName("/ready answers 503 while the database is unreachable")
  void readyFollowsTheDatabase(Vertx vertx) {
    List<NetSocket> sockets = new CopyOnWriteArrayList<>();
    // a TCP hop in front of PostgreSQL that the test can cut
    NetServer hop = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      sockets.add(in);
      vertx.createNetClient().connect(5432, "127.0.0.1").onSuccess(out -> {
        sockets.add(out);
        in.pipeTo(out);
        out.pipeTo(in);
        in.resume();
      }).onFailure(e -> in.close());
    }).listen(0, "127.0.0.1").await();
    String url = TestDatabases.postgresUrl().replace("127.0.0.1:5432", "127.0.0.1:" + hop.actualPort());
    assertThat(url).contains(":" + hop.actualPort());
    ferry = FerryServer.start(vertx, FerryServer.options(url)).await();
    assertThat(ferry.call(HttpMethod.GET, "/ready", null, null).await().statusCode()).isEqualTo(200);

    hop.close().await();
    sockets.forEach(NetSocket::close);
    int status = 200;
    for (int i = 0; i < 30 && status == 200; i++) {
      status = ferry.call(HttpMethod.GET, "/ready", null, null).await().statusCode();
      if (status == 200) {
        vertx.timer(100).await();
      }
    }
    assertThat(status).isEqualTo(503);
  }
}
