package io.ferry.engine.store;

import io.ferry.engine.config.FerryOptions;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.spi.JDBCDecoder;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("the embedded store's row decoder")
class ColumnCachingDecoderTest {

  @Test
  @DisplayName("is the one the JDBC client loads")
  void isTheOneLoaded() {
    assertThat(ServiceLoader.load(JDBCDecoder.class).findFirst()).get().isInstanceOf(ColumnCachingDecoder.class);
  }

  @Test
  @DisplayName("results of different shapes, one after another on the same workers, each decode with their own columns")
  void eachResultSetHasItsOwnColumns(Vertx vertx) throws Exception {
    Database db = Database.open(vertx, FerryOptions.from(Map.of("FERRY_DATA_DIR", Files.createTempDirectory("decoder").toString())));
    try {
      for (int i = 0; i < 40; i++) {
        Row first = db.pool().query("SELECT CAST(" + i + " AS BIGINT) AS a, 'text" + i + "' AS b, NULL AS c").execute().await()
            .iterator().next();
        assertThat(first.getValue(0)).isEqualTo((long) i);
        assertThat(first.getValue(1)).isEqualTo("text" + i);
        assertThat(first.getValue(2)).isNull();
        Row second = db.pool().query("SELECT 'swapped' AS a, TRUE AS b, CAST(2.5 AS DOUBLE PRECISION) AS c, " + i + " AS d")
            .execute().await().iterator().next();
        assertThat(second.getValue(0)).isEqualTo("swapped");
        assertThat(second.getValue(1)).isEqualTo(true);
        assertThat(second.getValue(2)).isEqualTo(2.5);
        assertThat(second.getInteger(3)).isEqualTo(i);
      }
    } finally {
      db.close().await();
    }
  }
}
