package io.ferry.engine.connect;

import io.ferry.engine.config.FerryOptions;
import io.ferry.engine.crypto.SecretBox;
import io.ferry.engine.store.Database;
import io.ferry.engine.store.Migrations;
import io.ferry.engine.store.SqlQueries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ferry.engine.store.Rows.params;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("Link tokens and states in the store: sealed context, single use under concurrency, housekeeping")
class ConnectStoreTest {

  @Test
  @DisplayName("twenty concurrent uses of one link token and of one state: exactly one wins each; old rows are swept")
  void singleUseAndSweep(Vertx vertx) throws Exception {
    Database db = Database.open(vertx, FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("connect").toString())));
    Migrations.migrate(db).await();
    db.run(SqlQueries.INSERT_TEAM, params("id", "team", "name", "t", "now", 1L)).await();
    db.run(SqlQueries.INSERT_ENVIRONMENT, params("id", "env", "team_id", "team", "name", "e", "is_default", true, "now", 1L)).await();
    SecretBox box = SecretBox.of(new byte[32]);
    ConnectStore store = new ConnectStore(db, box);
    long now = System.currentTimeMillis();
    LinkToken t = new LinkToken("lt1", "env", "tenant", null, null, "https://app/done",
        new JsonObject().put("api_key", "sealed-value"), List.of("a", "b"), "eu", now + 60_000, null);
    store.insert(t, "hash1").await();
    var raw = db.run("SELECT context FROM link_token WHERE id = 'lt1'", Map.of()).await().iterator().next().getString(0);
    assertThat(raw).startsWith("v1:").doesNotContain("sealed-value");
    LinkToken read = store.byHash("hash1").await();
    assertThat(read.context().getString("api_key")).isEqualTo("sealed-value");
    assertThat(read.scopes()).containsExactly("a", "b");
    assertThat(read.used()).isFalse();

    ConnectState s = new ConnectState("st1", "lt1", "github", "ei", "oauth2", new JsonObject().put("site", "x"), true, now + 60_000, null);
    store.insert(s).await();
    List<Future<Boolean>> tokenUses = new ArrayList<>();
    List<Future<Boolean>> stateUses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tokenUses.add(store.use(t));
      stateUses.add(store.use(s));
    }
    Future.join(new ArrayList<>(tokenUses)).await();
    Future.join(new ArrayList<>(stateUses)).await();
    assertThat(tokenUses).filteredOn(Future::result).hasSize(1);
    assertThat(stateUses).filteredOn(Future::result).hasSize(1);
    assertThat(store.byId("lt1").await().used()).isTrue();
    assertThat(store.state("st1").await().popup()).isTrue();

    LinkToken old = new LinkToken("lt2", "env", "tenant", null, null, null, new JsonObject(), null, "wnam", now - 31 * 86_400_000L, null);
    store.insert(old, "hash2").await();
    LinkToken expired = new LinkToken("lt3", "env", "tenant", null, null, null, new JsonObject(), null, "wnam", now - 1, null);
    store.insert(expired, "hash3").await();
    assertThat(store.use(expired).await()).as("an expired token cannot be used").isFalse();
    store.sweep(now).await();
    assertThat(store.byId("lt2").await()).isNull();
    assertThat(store.byId("lt3").await()).as("kept 30 days so the link still answers 410").isNotNull();
    assertThat(store.byId("lt1").await()).isNotNull();
    db.close().await();
  }
}
