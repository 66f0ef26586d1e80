package io.ferry.engine.interpreter.jsonata;

import io.ferry.engine.interpreter.ConfigError;
import io.ferry.engine.interpreter.Jsonata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native evaluator gives the engine's answer: every construct of the subset, and every shipped unified mapping
 * expression, evaluated both ways over the same inputs. Where the native path is unsure it may decline (the facade
 * then runs the engine), but it never answers differently.
 */
class NativeJsonataTest {
  static final Jsonata ENGINE = new Jsonata(10_000, Jsonata.DEFAULT_MAX_DEPTH);

  static final JsonObject RECORD = new JsonObject().put("id", 12).put("name", "Ann").put("price", 12.5).put("zero", 0)
      .put("flag", false).putNull("n").put("tags", new JsonArray().add("a").add("b")).put("empty", new JsonArray())
      .put("nested", new JsonObject().put("x", new JsonObject().put("y", 1)))
      .put("list", new JsonArray().add(new JsonObject().put("e", "a@x").put("t", "w")).add(new JsonObject().putNull("e")))
      .put("one", new JsonArray().add(new JsonObject().put("e", "solo")));

  static final List<String> CONSTRUCTS = List.of("name", "nested.x.y", "missing.a", "n", "list.e", "one.e", "list[0].e",
      "list[-1]", "list[e != null].e", "tags", "tags[0]", "[tags]", "[one.e]", "one.[e]", "empty", "[empty]",
      "list.{\"e\": e}", "one.{\"e\": e}", "{\"a\": name, \"b\": missing, \"c\": n}", "{\"k\": list.e}", "$string(id)",
      "$string(price)", "$string(nested)", "$string(flag)", "$string(missing)", "$exists(n)", "$exists(missing)",
      "$join(tags, \",\")", "$join(list.e)", "$join([name, missing, n][$ != null], \" \")", "$lookup(nested, \"x\")",
      "$lookup(list, \"e\")", "$type(n)", "$type(tags)", "$type(missing)", "$boolean(empty)", "$boolean(list)", "$not(zero)",
      "$lowercase(name)", "$uppercase(missing)", "$merge([{\"a\": 1}, {\"b\": 2}])", "$merge(nested)",
      "$replace(name, \"n\", \"N\")", "name & \"-\" & id", "name & missing", "id + 1", "price * 2", "id / 5", "id % 5", "-id",
      "id > 10", "price <= 12", "name = \"Ann\"", "zero = false", "nested = nested", "id in [1, 12]", "name in tags",
      "flag or zero", "name and tags", "flag ? 1 : 2", "missing ? 1", "($a := name; $b := $a & \"!\"; $b)",
      "[[n ? 1 : null][$ != null]]", "[[name ? {\"v\": name} : null][$ != null]]", "[1, [2, 3], tags]", "$$.name",
      "list.($.e)", "tags[$ = \"b\"]", "list[t].e", "[list.e][0]", "list.e[0]", "true", "null", "\"s\"", "3.5", "[]", "{}",
      "\"a\" < 1", "name + 1", "$join([1, 2])", "$lowercase(id)", "$merge([1])", "$replace(name, \"\", \"x\")",
      "$number(\"5\")", "$number(\"5.5\")", "$number(id)", "$number(price)", "$number(\"0x1F\")", "$number(flag)",
      "$number(\"1e3\")", "$number(missing)", "$number(\"5\") / 1000", "[$number(\"5\"), $string($number(\"7\"))]",
      "$exists(name) ? $number(\"12\") / 1000 : null", "$number(\"abc\")", "$number(n)", "$number(tags)",
      // [$ != null] runs without its predicate, over arrays, sequences and single values
      "[name, missing, n, tags, nested, flag, zero][$ != null]", "tags[$ != null]", "name[$ != null]", "n[$ != null]",
      "list.e[$ != null]", "[[n][$ != null]]", "[n, n][$ != null]", "[[tags][$ != null]]",
      // variable frames: shadowing in an inner block, rebinding in the same one
      "($a := name; ($a := \"x\"; $a) & $a)", "($a := 1; $a := 2; $a)", "($a := n; $exists($a))",
      // name paths through scalars and JSON null (undefined), and truthiness of every kind of value
      "name.first", "id.x", "flag.x", "price.x.y", "nested.x.y.z", "tags.x", "n.x.y", "{\"a\": name.x, \"b\": nested.x.y.z}",
      "zero ? 1 : 2", "price ? 1 : 2", "empty ? 1 : 2", "tags ? 1 : 2", "nested ? 1 : 2", "{} ? 1 : 2", "n ? 1 : 2",
      "\"\" ? 1 : 2", "flag ? 1 : 2", "missing ? 1 : 2", "list.e ? 1 : 2", "one.e ? 1 : 2", "tags and empty", "name or n",
      "n and name", "zero or empty", "nested and list",
      // name paths sharing their first step, over objects, arrays and JSON null
      "{\"a\": nested.x.y, \"b\": nested.x, \"c\": nested.missing, \"d\": list.e, \"e\": list.t, \"f\": n.x}",
      "list.{\"e\": e, \"both\": [$$.nested.x.y, $$.one.e]}", "[list, list].{\"e\": e}",
      "[nested, {\"x\": {\"y\": 2}}].{\"y\": x.y}", "[nested, {\"x\": {\"y\": 2}}, nested].[x.y, x.z]",
      // Truto's $join: strings joined natively, anything else by the library
      "$join(name)", "$join(tags)", "$join([], \"-\")", "$join(tags, \"\")", "$join([name, id], \" \")", "$join(n)",
      "$join(missing)", "$join(tags, 1)", "$join([name, n][$ != null], \", \")");

  /** Inputs the engine rejects: the native path declines them so that the engine reports its own error. */
  static final java.util.Set<String> ENGINE_ERRORS = java.util.Set.of("\"a\" < 1", "name + 1", "$lowercase(id)",
      "$merge([1])", "$replace(name, \"\", \"x\")", "$number(\"abc\")", "$number(n)", "$number(tags)");

  @TestFactory
  Stream<DynamicTest> everyConstructAnswersAsTheEngine() {
    return CONSTRUCTS.stream().map(e -> DynamicTest.dynamicTest(e, () -> {
      assertThat(NativeJsonata.unsupported(e)).as("compiles natively").isNull();
      boolean answered = assertSame(e, new JsonObject().put("record", RECORD).mergeIn(RECORD));
      assertThat(answered).as("answered natively").isEqualTo(!ENGINE_ERRORS.contains(e));
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyShippedMappingAnswersAsTheEngine() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : shippedMappings()) {
      JsonObject resources = new JsonObject(Files.readString(file));
      for (String resource : resources.fieldNames()) {
        JsonObject methods = resources.getJsonObject(resource);
        for (String method : methods.fieldNames()) {
          JsonObject config = methods.getJsonObject(method);
          for (String field : List.of("query_mapping", "request_body_mapping", "response_mapping", "error_mapping")) {
            String e = config.getString(field);
            if (e != null) {
              tests.add(DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName() + " " + resource
                  + "." + method + "." + field, () -> SCOPES.forEach(scope -> assertSame(e, scope))));
            }
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }

  @Test
  void theListMappingsOfTheBenchmarkRunNatively() throws IOException {
    JsonObject list = new JsonObject(Files.readString(unifiedDir().resolve("crm/hubspot.json"))).getJsonObject("contacts")
        .getJsonObject("list");
    assertThat(NativeJsonata.unsupported(list.getString("response_mapping"))).isNull();
    assertThat(NativeJsonata.unsupported(list.getString("query_mapping"))).isNull();
    assertThat(NativeJsonata.unsupported(list.getJsonObject("resource").getString("expression"))).isNull();
    // its filter branch is a lambda: native without filters, the engine's answer with them
    String body = list.getString("request_body_mapping");
    assertThat(NativeJsonata.unsupported(body)).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> noFilter = (Map<String, Object>) JsonValues.plain(SCOPES.get(0));
    assertThat(NativeJsonata.compile(body).evaluateToVertx(noFilter)).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> filtered = (Map<String, Object>) JsonValues.plain(SCOPES.get(1));
    assertThatThrownBy(() -> NativeJsonata.compile(body).evaluateToVertx(filtered)).isInstanceOf(NativeJsonata.Unsure.class);
    assertThat(ENGINE.evaluatePlain(body, filtered, "t")).isEqualTo(ENGINE.evaluate(body, SCOPES.get(1), "t"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void changingAnAnswerLeavesTheInputAlone() {
    Map<String, Object> scope = (Map<String, Object>) JsonValues.plain(new JsonObject().put("response",
        new JsonObject().put("results", new JsonArray().add(RECORD.copy()).add(RECORD.copy()))));
    for (String e : List.of("response.results", "response.results[0]", "response.results.{ \"r\": $ }", "[response.results]")) {
      Object answer = NativeJsonata.compile(e).evaluateToVertx(scope);
      JsonArray all = answer instanceof JsonArray a ? a : new JsonArray().add(answer);
      all.forEach(o -> ((JsonObject) o).put("remote_data", "x"));
      all.forEach(o -> ((JsonObject) o).getMap().values().stream().filter(v -> v instanceof JsonObject)
          .forEach(v -> ((JsonObject) v).put("remote_data", "x")));
      assertThat(JsonValues.toVertx(scope).toString()).as(e).doesNotContain("remote_data");
    }
  }

  @Test
  void whatTheSubsetLeavesOutStaysOnTheEngine() {
    assertThat(NativeJsonata.unsupported("$each(nested, function($v, $k) { $k })")).contains("lambda");
    assertThat(NativeJsonata.unsupported("list{e: t}")).isNotNull(); // grouping
    assertThat(NativeJsonata.unsupported("$count(tags)")).contains("$count");
    assertThat(NativeJsonata.unsupported("$f")).contains("free variable");
    assertThat(NativeJsonata.unsupported("($string := function($x) { 1 }; $string(2))")).isNotNull();
  }

  @Test
  void anExpressionTheNativePathIsUnsureOfFailsAsTheEngineFails() {
    @SuppressWarnings("unchecked")
    Map<String, Object> scope = (Map<String, Object>) JsonValues.plain(RECORD);
    assertThatThrownBy(() -> ENGINE.evaluatePlain("\"a\" < 1", scope, "/response_mapping")).isInstanceOf(ConfigError.class)
        .hasMessageContaining("/response_mapping");
    assertThat(ENGINE.evaluatePlain("$join([1, 2])", scope, "t")).isEqualTo(ENGINE.evaluate("$join([1, 2])", RECORD, "t"));
  }

  /** Scopes a mapping sees: with and without filters and ids, and provider bodies of several shapes. */
  static final List<JsonObject> SCOPES = List.of(
      scope(new JsonObject(), new JsonObject()),
      scope(new JsonObject().put("updated_at", new JsonObject().put("gt", "2024-01-01T00:00:00Z")).put("limit", 2),
          new JsonObject().put("results", new JsonArray().add(RECORD).add(RECORD))),
      scope(new JsonObject().put("created_at", "2024-01-01T00:00:00Z").put("email", "a@x"),
          new JsonObject().put("data", new JsonArray().add(RECORD)).put("records", new JsonArray())),
      scope(new JsonObject().put("status", "open"), RECORD),
      new JsonObject().put("query", new JsonObject()).put("body", new JsonObject().put("first_name", "A").put("last_name", "B")
          .put("email_addresses", new JsonArray().add(new JsonObject().put("email", "a@x"))).put("status", "closed")
          .put("title", "T").put("name", "N")).put("id", "9").put("context", new JsonObject()).put("before", new JsonObject()));

  static JsonObject scope(JsonObject query, JsonObject response) {
    return new JsonObject().put("query", query).put("body", new JsonObject()).put("headers", new JsonObject())
        .put("context", new JsonObject()).put("id", "7").put("before", new JsonObject()).put("response", response);
  }

  /** Native and engine agree, or the native path declines (the facade then uses the engine). */
  @SuppressWarnings("unchecked")
  static boolean assertSame(String expression, JsonObject input) {
    NativeJsonata n = NativeJsonata.compile(expression);
    if (n == null) {
      return false;
    }
    Object nativeAnswer;
    try {
      Map<String, Object> plain = (Map<String, Object>) JsonValues.plain(input);
      String before = JsonValues.toVertx(plain).toString();
      nativeAnswer = n.evaluateToVertx(plain);
      assertThat(JsonValues.toVertx(plain).toString()).as("the input is left as it was").isEqualTo(before);
    } catch (RuntimeException declined) {
      return false;
    }
    Object engineAnswer = ENGINE.evaluate(expression, input, "t");
    assertThat(new JsonArray().add(nativeAnswer).encode()).as(expression + " over " + input.encode())
        .isEqualTo(new JsonArray().add(engineAnswer).encode()); // the same text: 5 and 5.0 differ in an answer
    return true;
  }

  static Path unifiedDir() {
    Path p = Path.of("unified");
    return Files.isDirectory(p) ? p : Path.of("../unified");
  }

  static List<Path> shippedMappings() throws IOException {
    List<Path> out = new ArrayList<>();
    try (var models = Files.list(unifiedDir())) {
      for (Path dir : models.filter(Files::isDirectory).sorted().toList()) {
        try (var files = Files.list(dir)) {
          files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }
}
