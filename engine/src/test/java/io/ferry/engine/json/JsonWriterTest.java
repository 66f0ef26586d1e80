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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JsonWriter gives the very bytes Vert.x's Jackson codec gives, for any JSON value an answer can hold. */
class JsonWriterTest {

  @Property(tries = 400)
  void anyJsonTreeEncodesToTheSameBytesAsVertx(@ForAll("trees") Object tree) {
    assertThat(JsonWriter.encode(tree).toString()).isEqualTo(Json.encodeToBuffer(tree).toString());
  }

  @Property(tries = 400)
  void anyStringEncodesToTheSameBytesAsVertx(@ForAll("text") String s) {
    JsonArray value = new JsonArray().add(s).add(new JsonObject().put(s, s));
    assertThat(JsonWriter.encode(value).getBytes()).isEqualTo(Json.encodeToBuffer(value).getBytes());
  }

  @Test
  void numbersAndVertxTypesAsVertxWritesThem() {
    JsonObject o = new JsonObject().put("i", 1).put("l", Long.MIN_VALUE).put("d", 0.1).put("e", 1e300).put("f", 1.5f)
        .put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY).put("bd", new BigDecimal("1.000000000000000000001"))
        .put("bi", new BigInteger("123456789012345678901234567890")).put("t", true).put("n", (Object) null)
        .put("bytes", new byte[] {1, 2, (byte) 250}).put("buffer", Buffer.buffer("hi?>")).put("at", Instant.ofEpochSecond(1, 5))
        .put("short", (short) 7).put("byte", (byte) -3);
    assertThat(JsonWriter.encode(o).toString()).isEqualTo(Json.encodeToBuffer(o).toString());
  }

  @Test
  void surrogatesAreEscapesThatDecodeBack() {
    String halves = "a\uD800b\uDC00\uD83D\uDE00";
    Buffer out = JsonWriter.encode(new JsonArray().add(halves));
    assertThat(out.toString()).isEqualTo("[\"a\\uD800b\\uDC00\\uD83D\\uDE00\"]");
    assertThat(new JsonArray(out).getString(0)).isEqualTo(halves);
  }

  @Test
  void aLargeAnswerIsWrittenWhole() {
    JsonArray big = new JsonArray();
    for (int i = 0; i < 50_000; i++) {
      big.add(new JsonObject().put("id", i).put("name", "név " + i));
    }
    assertThat(JsonWriter.encode(big)).isEqualTo(Json.encodeToBuffer(big));
    assertThat(JsonWriter.encode(List.of(1))).hasToString("[1]"); // the writer is reusable after a large answer
  }

  @Test
  void anObjectSharedByEveryRowIsWrittenTheSameEachTime() {
    JsonObject shared = new JsonObject();
    for (int i = 0; i < 12; i++) {
      shared.put("k" + i, new JsonObject().put("v", i).put("s", "é\n" + i));
    }
    JsonObject other = shared.copy().put("k0", "changed");
    JsonArray rows = new JsonArray();
    for (int i = 0; i < 50; i++) {
      rows.add(new JsonObject().put("id", i).put("integration", shared).put("install", i % 3 == 0 ? other : shared.copy())
          .put("again", shared));
    }
    assertThat(JsonWriter.encode(new JsonObject().put("result", rows))).isEqualTo(Json.encodeToBuffer(new JsonObject().put("result", rows)));
  }

  @Test
  void rowsThatAreLargeObjectsThemselvesLeaveTheSharedOnesRemembered() {
    // an account page: each row has 8+ fields, the shared integration holds an 8+ field config with 8+ field parts
    JsonObject part = new JsonObject();
    for (int i = 0; i < 9; i++) {
      part.put("p" + i, "v" + i);
    }
    JsonObject config = new JsonObject();
    for (int i = 0; i < 9; i++) {
      config.put("c" + i, i % 2 == 0 ? part : part.copy().put("extra", i));
    }
    java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    java.util.Map<String, Object> counting = new java.util.LinkedHashMap<>() {
      @Override
      public java.util.Set<java.util.Map.Entry<String, Object>> entrySet() {
        written.incrementAndGet(); // the writer walks a map's entries once per time it writes it out
        return super.entrySet();
      }
    };
    JsonObject integration = new JsonObject(counting).put("config", config);
    JsonObject install = new JsonObject();
    for (int i = 0; i < 8; i++) {
      integration.put("f" + i, i);
      install.put("g" + i, "x\"" + i);
    }
    JsonArray rows = new JsonArray();
    for (int i = 0; i < 120; i++) {
      JsonObject row = new JsonObject().put("integration", integration).put("environment_integration", install);
      for (int f = 0; f < 10; f++) {
        row.put("r" + f, i * 10 + f);
      }
      rows.add(row.put("context", i % 7 == 0 ? config : new JsonObject().put("n", i)));
    }
    JsonObject page = new JsonObject().put("result", rows).put("next", integration);
    Buffer expected = Json.encodeToBuffer(page);
    written.set(0);
    assertThat(JsonWriter.encode(page)).isEqualTo(expected);
    assertThat(written.get()).as("times the shared integration was written out rather than copied").isEqualTo(1);
  }

  @Provide
  Arbitrary<String> text() {
    return JsonTrees.text();
  }

  @Provide
  Arbitrary<Object> trees() {
    return JsonTrees.tree(4);
  }
}
