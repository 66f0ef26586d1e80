package io.ferry.engine.interpreter;

import io.ferry.engine.interpreter.jsonata.TrutoLibrary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against Truto's engine: every corpus case ({@code jsonata-corpus/*.json}) is evaluated by
 * {@code @truto/truto-jsonata} in one Node process (installed into {@code target/jsonata-oracle}) and by Ferry's
 * {@link Jsonata} facade, and the answers must be deep-equal. Without Node the recorded answers stand in; in CI
 * ({@code CI=true}) the oracle must run. Cases listed in {@code known-differences.json} may differ (each with a reason).
 */
class JsonataParityTest {
  static final Path CORPUS = Path.of("src/test/resources/jsonata-corpus");
  static final Path ORACLE = Path.of("target/jsonata-oracle");

  final Jsonata jsonata = new Jsonata(5_000, Jsonata.DEFAULT_MAX_DEPTH);

  @Test
  @DisplayName("every corpus case answers what Truto's engine answers")
  void sameAnswersAsTruto() throws Exception {
    JsonObject payloads = new JsonObject(Files.readString(CORPUS.resolve("payloads.json")));
    JsonObject known = new JsonObject(Files.readString(CORPUS.resolve("known-differences.json")));
    List<JsonObject> cases = new ArrayList<>();
    Map<Path, JsonObject> corpusFiles = new LinkedHashMap<>();
    try (var files = Files.list(CORPUS)) {
      for (Path f : files.filter(p -> !p.getFileName().toString().matches("payloads.json|known-differences.json")).sorted().toList()) {
        corpusFiles.put(f, new JsonObject(Files.readString(f)));
        corpusFiles.get(f).getJsonArray("cases").forEach(c -> cases.add((JsonObject) c));
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    Map<String, JsonObject> oracle = runOracle(payloads, cases);
    if (oracle != null && Boolean.getBoolean("jsonata.record")) {
      record(corpusFiles, oracle); // -Djsonata.record=true: write Truto's answers into the corpus (new or changed cases)
    }
    List<String> differences = new ArrayList<>();
    int agree = 0;
    for (JsonObject c : cases) {
      JsonObject truth = oracle != null ? oracle.get(c.getString("id")) : c;
      if (oracle != null) {
        assertThat(recorded(c)).as("recorded answer of " + c.getString("id") + " is stale; re-record it").isEqualTo(recorded(truth));
      }
      String mismatch = compare(c, truth, payloads);
      if (mismatch == null) {
        agree++;
        if (known.containsKey(c.getString("id"))) {
          differences.add(c.getString("id") + " now agrees: remove it from known-differences.json");
        }
      } else if (!known.containsKey(c.getString("id"))) {
        differences.add(c.getString("id") + " `" + c.getString("expr") + "`: " + mismatch);
      }
    }
    System.out.printf("JSONata parity: %d of %d cases agree with @truto/truto-jsonata (%s); %d known differences%n",
        agree, cases.size(), oracle != null ? "Node oracle" : "recorded answers", known.size());
    assertThat(differences).as("cases that differ from Truto's engine").isEmpty();
  }

  private static void record(Map<Path, JsonObject> corpusFiles, Map<String, JsonObject> oracle) throws IOException {
    for (Map.Entry<Path, JsonObject> f : corpusFiles.entrySet()) {
      for (Object o : f.getValue().getJsonArray("cases")) {
        JsonObject c = (JsonObject) o;
        JsonObject truth = oracle.get(c.getString("id"));
        c.remove("expected");
        c.remove("undefined");
        c.remove("error");
        if (truth.containsKey("error")) {
          c.put("error", truth.getString("error"));
        } else if (truth.getBoolean("undefined", false)) {
          c.put("undefined", true);
        } else {
          c.put("expected", truth.getValue("value"));
        }
      }
      Files.writeString(f.getKey(), f.getValue().encodePrettily() + "\n");
    }
  }

  private String compare(JsonObject c, JsonObject truth, JsonObject payloads) {
    String expr = c.getString("expr");
    Object input = payloads.getValue(c.getString("input"));
    Object actual;
    try {
      actual = jsonata.evaluate(expr, input, "/case/" + c.getString("id"));
    } catch (ConfigError e) {
      if (truth.containsKey("error")) {
        return null;
      }
      for (String f : TrutoLibrary.UNSUPPORTED) {
        if (expr.contains("$" + f + "(") && e.getMessage().contains("$" + f + ": not available in Ferry")) {
          return null; // documented: needs a network service, a stream or a binary blob
        }
      }
      return "Ferry failed: " + e.getMessage();
    }
    Set<String> unsupported = TrutoLibrary.UNSUPPORTED.stream().filter(f -> expr.contains("$" + f + "(")).collect(Collectors.toSet());
    if (!unsupported.isEmpty()) {
      return "an unsupported function answered instead of failing";
    }
    if (truth.containsKey("error")) {
      return "Truto failed (" + truth.getString("error") + ") but Ferry answered " + new JsonArray().add(actual).encode();
    }
    Object expected = truth.getBoolean("undefined", false) ? null : truth.getValue("expected", truth.getValue("value"));
    String a = new JsonArray().add(normal(actual)).encode();
    String e = new JsonArray().add(normal(expected)).encode();
    return a.equals(e) ? null : "expected " + e + " but Ferry answered " + a;
  }

  /** Numbers compared as JS numbers (1 and 1.0 are the same). */
  private static Object normal(Object v) {
    if (v instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), normal(e.getValue())));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      return normal(new JsonObject(new LinkedHashMap<>((Map<String, Object>) m)));
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(normal(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return normal(new JsonArray(new ArrayList<>(l)));
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) d;
    }
    return v;
  }

  private static JsonObject recorded(JsonObject c) {
    JsonObject r = new JsonObject();
    if (c.containsKey("error")) {
      r.put("error", true);
    } else if (c.getBoolean("undefined", false)) {
      r.put("undefined", true);
    } else {
      r.put("value", normal(c.getValue(c.containsKey("expected") ? "expected" : "value")));
    }
    return r;
  }

  /** One Node process for the whole corpus; null when Node is absent outside CI. */
  static Map<String, JsonObject> runOracle(JsonObject payloads, List<JsonObject> cases) throws IOException, InterruptedException {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (!ci && !commandWorks("node", "--version")) {
      return null;
    }
    Files.createDirectories(ORACLE);
    Path resources = Path.of("src/test/resources/jsonata-oracle");
    Files.copy(resources.resolve("package.json"), ORACLE.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(resources.resolve("oracle.cjs"), ORACLE.resolve("oracle.cjs"), StandardCopyOption.REPLACE_EXISTING);
    if (!Files.exists(ORACLE.resolve("node_modules/@truto/truto-jsonata/package.json"))) {
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(ORACLE.toFile())
          .redirectErrorStream(true).redirectOutput(ORACLE.resolve("npm-install.log").toFile()).start();
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        if (ci) {
          throw new IllegalStateException("npm install of the JSONata oracle failed: " + Files.readString(ORACLE.resolve("npm-install.log")));
        }
        return null;
      }
    }
    JsonArray in = new JsonArray();
    cases.forEach(c -> in.add(new JsonObject().put("id", c.getString("id")).put("expr", c.getString("expr")).put("input", c.getString("input"))));
    Process node = new ProcessBuilder("node", "oracle.cjs").directory(ORACLE.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    node.getOutputStream().write(new JsonObject().put("payloads", payloads).put("cases", in).encode().getBytes(StandardCharsets.UTF_8));
    node.getOutputStream().close();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!node.waitFor(120, TimeUnit.SECONDS) || node.exitValue() != 0) {
      throw new IllegalStateException("the JSONata oracle failed");
    }
    Map<String, JsonObject> answers = new LinkedHashMap<>();
    new JsonArray(out).forEach(a -> answers.put(((JsonObject) a).getString("id"), (JsonObject) a));
    return answers;
  }

  private static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
