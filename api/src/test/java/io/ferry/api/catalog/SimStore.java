package io.ferry.api.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The records of one simulated provider resource, in the provider's own shape: seeded with {@link Sim#TOTAL} records,
 * then changed by create/update/delete calls. Every write's body is kept, so a test can see the provider's shape.
 */
final class SimStore {
  private final Map<String, JsonObject> records = new LinkedHashMap<>();
  private final String idField;
  private final String prefix;
  private int next = Sim.TOTAL;
  final List<JsonObject> writes = new CopyOnWriteArrayList<>();
  final List<String> queries = new CopyOnWriteArrayList<>();

  SimStore(String prefix, String idField, IntFunction<JsonObject> seed) {
    this.prefix = prefix;
    this.idField = idField;
    for (int i = 0; i < Sim.TOTAL; i++) {
      JsonObject r = seed.apply(i);
      records.put(String.valueOf(r.getValue(idField)), r);
    }
  }

  synchronized JsonArray page(int from, int size) {
    List<JsonObject> all = new ArrayList<>(records.values());
    JsonArray out = new JsonArray();
    for (int i = from; i < Math.min(all.size(), from + size); i++) {
      out.add(all.get(i).copy());
    }
    return out;
  }

  synchronized int size() {
    return records.size();
  }

  synchronized JsonObject get(String id) {
    JsonObject r = records.get(id);
    return r == null ? null : r.copy();
  }

  /** Stores a new record built from the request body; the new id is {@code <prefix>-<n>}. */
  synchronized JsonObject create(JsonObject body, java.util.function.BiFunction<String, JsonObject, JsonObject> build) {
    writes.add(body.copy().put("_op", "create"));
    String id = prefix + "-" + next++;
    JsonObject r = build.apply(id, body);
    records.put(id, r);
    return r.copy();
  }

  synchronized JsonObject update(String id, JsonObject body, java.util.function.BiFunction<JsonObject, JsonObject, JsonObject> apply) {
    writes.add(body.copy().put("_op", "update").put("_id", id));
    JsonObject r = records.get(id);
    if (r == null) {
      return null;
    }
    JsonObject changed = apply.apply(r.copy(), body);
    records.put(id, changed);
    return changed.copy();
  }

  synchronized boolean delete(String id) {
    writes.add(new JsonObject().put("_op", "delete").put("_id", id));
    return records.remove(id) != null;
  }

  String idField() {
    return idField;
  }
}
