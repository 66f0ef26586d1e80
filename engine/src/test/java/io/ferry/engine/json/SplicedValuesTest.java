package io.ferry.engine.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Records written from the bytes they were parsed from: the same values, the upstream's own text. */
class SplicedValuesTest {

  /** The records parsed out of {@code text} at {@code path}, written through JsonWriter with their bytes spliced. */
  static String spliced(String text, String path) {
    Buffer raw = Buffer.buffer(text);
    Object parsed = Json.decodeValue(raw);
    JsonArray records = (JsonArray) (path == null ? parsed : io.ferry.engine.json.Json.at(parsed, path));
    SplicedValues spliced = SplicedValues.of(raw, parsed, records);
    assertThat(spliced).as("found in the bytes").isNotNull();
    return JsonWriter.encode(new JsonObject().put("result", records), spliced).toString();
  }

  @Property(tries = 300)
  void anyRecordsPrettyPrintedAnywhereComeOutAsTheSameValuesInTheirOwnText(@ForAll("records") List<Object> records,
                                                                          @ForAll("text") String key, @ForAll("text") String other) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put(other + "x", "before");
    inner.put(key, new JsonArray(records));
    JsonObject doc = new JsonObject().put("meta", new JsonObject().put("count", records.size())).put("data", new JsonObject(inner));
    Buffer raw = Buffer.buffer(doc.encodePrettily());
    Object parsed = Json.decodeValue(raw);
    JsonArray found = ((JsonObject) parsed).getJsonObject("data").getJsonArray(key);
    SplicedValues spliced = SplicedValues.of(raw, parsed, found);
    assertThat(spliced).isNotNull();
    String written = JsonWriter.encode(new JsonObject().put("result", found), spliced).toString();
    assertThat(new JsonObject(written).getJsonArray("result")).isEqualTo(found);
    boolean anyField = found.stream().anyMatch(r -> !((JsonObject) r).isEmpty());
    // an encoding never holds a raw line break; the records' own pretty-printed text does
    assertThat(written.contains("\n")).isEqualTo(anyField);
  }

  @Test
  void numbersEscapesAndSpacingStayAsTheUpstreamWroteThem() {
    String text = "{\"paging\":{\"next\":null},\"results\": [ {\"id\" : \"1\", \"amount\": 1.50, \"name\": \"Zo\\u00eb \\\"Z\\\" [x]\"},\n"
        + "{\"id\":\"2\",\"big\":12345678901234567890123}]}";
    String out = spliced(text, "results");
    assertThat(out).isEqualTo("{\"result\":[{\"id\" : \"1\", \"amount\": 1.50, \"name\": \"Zo\\u00eb \\\"Z\\\" [x]\"},"
        + "{\"id\":\"2\",\"big\":12345678901234567890123}]}");
  }

  @Test
  void theLastOfDuplicateKeysIsTheArrayTheParserKept() {
    String text = "{\"items\":[{\"id\":\"old\"}],\"items\":[{\"id\":\"new\"}]}";
    assertThat(spliced(text, "items")).isEqualTo("{\"result\":[{\"id\":\"new\"}]}");
  }

  @Test
  void keysWrittenWithEscapesAreMatchedAsTheParserReadsThem() {
    assertThat(spliced("{\"r\\u0065sults\":[{\"id\":\"1\"}],\"\\u00e9\":1}", "results")).isEqualTo("{\"result\":[{\"id\":\"1\"}]}");
  }

  @Test
  void aKeyWhoseEscapedTextSpellsAnotherKeyIsNotThatKey() {
    String text = "{\"x\\\\\\\\\":[{\"id\":1}],\"x\\\\\":[{\"id\":2}]}"; // keys x\\ and x\ as parsed
    Buffer raw = Buffer.buffer(text);
    JsonObject parsed = (JsonObject) Json.decodeValue(raw);
    JsonArray first = parsed.getJsonArray("x\\\\");
    assertThat(JsonWriter.encode(new JsonObject().put("result", first), SplicedValues.of(raw, parsed, first)).toString())
        .isEqualTo("{\"result\":[{\"id\":1}]}");
  }

  @Test
  void nonAsciiTextIsCopiedAsSent() {
    assertThat(spliced("{\"results\":[{\"name\":\"Zoë 北京 🚀\"}]}", "results")).isEqualTo("{\"result\":[{\"name\":\"Zoë 北京 🚀\"}]}");
  }

  @Test
  void aPageOfManyRecordsIsCopiedRecordByRecord() {
    StringBuilder text = new StringBuilder("{\"results\": [");
    StringBuilder expected = new StringBuilder("{\"result\":[");
    for (int i = 0; i < 40; i++) { // past the scanned few: found through the identity map
      String record = "{\"id\": " + i + ", \"amount\": " + i + ".50}";
      text.append(i == 0 ? "" : ", ").append(record);
      expected.append(i == 0 ? "" : ",").append(record);
    }
    assertThat(spliced(text.append("]}").toString(), "results")).isEqualTo(expected.append("]}").toString());
  }

  @Test
  void arraysThreeKeysDeepAreFound() {
    String text = "{\"data\":{\"issues\":{\"nodes\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"pageInfo\":{\"hasNextPage\":false}}}}";
    assertThat(spliced(text, "data.issues.nodes")).isEqualTo("{\"result\":[{\"id\":\"a\"},{\"id\":\"b\"}]}");
    assertThat(spliced("[{\"id\":\"top\"} ]", null)).isEqualTo("{\"result\":[{\"id\":\"top\"}]}");
  }

  @Test
  void whatCannotBeFoundAsItIsIsEncodedInstead() {
    Buffer utf16 = Buffer.buffer("{\"results\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_16BE));
    Object parsed16 = Json.decodeValue(utf16);
    assertThat(SplicedValues.of(utf16, parsed16, ((JsonObject) parsed16).getJsonArray("results"))).isNull();

    Buffer raw = Buffer.buffer("{\"results\":[{\"id\":\"1\"}]}");
    Object p = Json.decodeValue(raw);
    JsonArray copy = ((JsonObject) p).getJsonArray("results").copy(); // not the parsed objects: nothing to splice
    assertThat(SplicedValues.of(raw, p, copy)).isNull();
    for (String commented : new String[] {"{\"results\":[{\"id\":\"1\"/*}]}*/}]}", "{\"results\":[{\"id\":1 // x\n}]}"}) {
      Buffer c = Buffer.buffer(commented); // Vert.x lets Jackson read comments; an answer must not carry them
      Object pc = Json.decodeValue(c);
      assertThat(SplicedValues.of(c, pc, ((JsonObject) pc).getJsonArray("results"))).as(commented).isNull();
    }
    for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
      byte[] text = ("{\"results\":[{\"s\":\"" + "x".repeat(bad.length) + "\"}]}").getBytes(StandardCharsets.UTF_8);
      System.arraycopy(bad, 0, text, 18, bad.length); // an overlong NUL, an encoded surrogate: Jackson reads both
      Buffer b = Buffer.buffer(text);
      Object pb = Json.decodeValue(b);
      assertThat(SplicedValues.of(b, pb, ((JsonObject) pb).getJsonArray("results"))).isNull();
    }
    JsonArray scalars = new JsonArray("[1,2]");
    assertThat(SplicedValues.of(Buffer.buffer("{\"n\":[1,2]}"), new JsonObject().put("n", scalars), scalars)).isNull();
  }

  @Test
  void aQuoteBackslashOrNonAsciiCharAtAnyOffsetOfALongStringIsSeen() {
    // strings are passed over eight bytes at a time: a special char at any offset in or across a word must stop it
    for (String special : new String[] {"\\\"", "\\\\", "\\u0041", "\u00e9", "\u2603", "\ud83d\ude00"}) {
      for (int at = 0; at <= 20; at++) {
        String record = "{\"s\":\"" + "a".repeat(at) + special + "b".repeat(20 - at) + "\",\"t\":\"" + "c".repeat(at) + "\"}";
        String text = "{\"results\":[" + record + ", " + record + "]}";
        assertThat(spliced(text, "results")).as(special + " at " + at).isEqualTo("{\"result\":[" + record + "," + record + "]}");
      }
    }
  }

  @Test
  void malformedUtf8AtAnyOffsetOfALongStringIsEncodedInstead() {
    for (int at = 0; at <= 20; at++) {
      byte[] text = ("{\"results\":[{\"s\":\"" + "a".repeat(at) + "xx" + "b".repeat(20 - at) + "\"}]}").getBytes(StandardCharsets.UTF_8);
      text[18 + at] = (byte) 0xC0; // an overlong NUL, which Jackson reads
      text[19 + at] = (byte) 0x80;
      Buffer b = Buffer.buffer(text);
      Object parsed = Json.decodeValue(b);
      assertThat(SplicedValues.of(b, parsed, ((JsonObject) parsed).getJsonArray("results"))).as("at " + at).isNull();
    }
  }

  @Provide
  Arbitrary<List<Object>> records() {
    return Arbitraries.maps(JsonTrees.text(), JsonTrees.tree(2)).ofMinSize(0).ofMaxSize(4)
        .map(m -> (Object) new JsonObject(new LinkedHashMap<String, Object>(m))).list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> text() {
    return JsonTrees.text();
  }
}
