package io.ferry.engine.store;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Row reading helpers that behave the same on H2 and PostgreSQL. */
public final class Rows {
  private Rows() {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new row id: a time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74 random bits).
   * Ids of rows written together sit together in every index keyed by id, so an insert rewrites the index's newest
   * leaf instead of a random one: with random (version 4) ids each of a bulk batch's 200 rows rewrote its own leaf of
   * the primary key index, most of the garbage the embedded store's file carried (bench/run-accounts.sh), and
   * PostgreSQL's B-trees split at random pages likewise. Ids are not secrets: tokens are separate.
   */
  public static String newId() {
    byte[] r = new byte[10];
    RANDOM.nextBytes(r);
    long msb = System.currentTimeMillis() << 16 | 0x7000 | (r[0] & 0x0F) << 8 | r[1] & 0xFF;
    long lsb = 0;
    for (int i = 2; i < 10; i++) {
      lsb = lsb << 8 | r[i] & 0xFF;
    }
    return new UUID(msb, lsb & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
  }

  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
  }

  public static Long getLong(Row row, String column) {
    Object v = row.getValue(column);
    return v == null ? null : ((Number) v).longValue();
  }

  public static String iso(Row row, String column) {
    return Json.isoOrNull(getLong(row, column));
  }

  public static JsonObject json(Row row, String column) {
    return Json.parseObject(row.getString(column));
  }

  /** A parameter map tolerant of null values (Map.of is not). */
  public static Map<String, Object> params(Object... keyValues) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
