package io.ferry.engine.json;

import io.ferry.engine.core.FerryFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compiled JSON Schema (draft 2020-12) from {@code config-schemas/}, answering with JSON pointers and reasons. */
public final class SchemaCheck {

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private final Validator validator;
  private final JsonObject schema;
  /** The fast path for a certainly valid instance; null for a schema outside its subset. */
  private final QuickSchema quick;

  private SchemaCheck(JsonObject schema) {
    this.schema = schema;
    this.quick = QuickSchema.compile(schema);
    this.validator = Validator.create(JsonSchema.of(schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://ferry.dev/schemas/")
            .setOutputFormat(OutputFormat.Basic));
  }

  /** Loads {@code config-schemas/<name>} from the classpath (the folder is packaged into the jar). */
  public static SchemaCheck load(String name) {
    String resource = "config-schemas/" + name;
    try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the classpath");
      }
      return new SchemaCheck(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema " + resource, e);
    }
  }

  /** Failures as {@code [{pointer, reason}]}, one per field, the most specific reason each; empty when valid. */
  public JsonArray failures(Object instance) {
    if (quick != null && quick.certainlyValid(instance)) {
      return new JsonArray();
    }
    OutputUnit out = validator.validate(instance);
    JsonArray failures = new JsonArray();
    if (Boolean.TRUE.equals(out.getValid())) {
      return failures;
    }
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, Integer> ranks = new LinkedHashMap<>();
    List<OutputUnit> errors = out.getErrors() == null || out.getErrors().isEmpty() ? List.of(out) : out.getErrors();
    for (OutputUnit e : errors) {
      String keyword = e.getKeywordLocation() == null ? "" : e.getKeywordLocation();
      String pointer = pointer(e.getInstanceLocation());
      String reason = e.getError() == null ? "is invalid" : e.getError();
      int rank;
      if (keyword.endsWith("/required")) {
        Matcher m = QUOTED.matcher(reason);
        pointer = pointer + "/" + (m.find() ? m.group(1) : "");
        reason = "is required";
        rank = 3;
      } else if (keyword.endsWith("/additionalProperties") || keyword.endsWith("/propertyNames")) {
        reason = KnownFields.unknown(schema, e.getAbsoluteKeywordLocation(), keyword, pointer);
        if (reason == null) {
          continue; // a known field whose value failed: its own error says why
        }
        rank = 1;
      } else if (keyword.endsWith("/properties") || keyword.endsWith("/items") || keyword.matches(".*/(oneOf|anyOf|allOf|if|then|else|\\$ref)$")) {
        rank = 0; // a summary of deeper errors: says nothing the deeper one does not
      } else {
        rank = 2;
      }
      if (rank > ranks.getOrDefault(pointer, -1)) {
        ranks.put(pointer, rank);
        reasons.put(pointer, reason);
      }
    }
    reasons.entrySet().stream()
        .sorted((a, b) -> Integer.compare(ranks.get(b.getKey()), ranks.get(a.getKey())))
        .forEach(e -> failures.add(new JsonObject().put("pointer", e.getKey()).put("reason", e.getValue())));
    return failures;
  }

  /** Whether the fast path covers this schema (for tests). */
  boolean quick() {
    return quick != null;
  }

  /** Throws a 400 naming each failing field when {@code instance} does not match. */
  public void check(Object instance) {
    JsonArray failures = failures(instance);
    if (!failures.isEmpty()) {
      throw FerryFailure.invalid(failures);
    }
  }

  private static String pointer(String location) {
    if (location == null) {
      return "";
    }
    String p = location.startsWith("#") ? location.substring(1) : location;
    return p;
  }
}
