package io.ferry.engine.store;

import io.ferry.engine.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Row reading helpers that behave the same on H2 and PostgreSQL. */
public final class Rows {
  private Rows() {
  }

  public static String newId() {
    return UUID.randomUUID().toString();
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
