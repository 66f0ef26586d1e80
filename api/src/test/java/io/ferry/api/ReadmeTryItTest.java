package io.ferry.api;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("the README's offline \"Try it\" runs as written, start to finish")
class ReadmeTryItTest {

  static final String MARKER = "<!-- try-it-offline";

  @Test
  void offlineTryItRunsAsWritten(Vertx vertx) throws Exception {
    String script = block(Files.readString(readme()));
    for (String tool : new String[] {"curl", "jq", "bash"}) {
      boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
      if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(tool + " is required by the README's Try it (.ci/run installs it)");
      }
      Assumptions.assumeTrue(present, tool + " is not installed");
    }
    var upstream = DemoUpstream.start(vertx, 0).await();
    FerryServer ferry = FerryServer.start(vertx, FerryServer.options(null)).await();
    try {
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
      pb.environment().put("FERRY", "http://localhost:" + ferry.ferry().port());
      pb.environment().put("UPSTREAM", "http://localhost:" + upstream.actualPort());
      pb.environment().put("FERRY_API_TOKEN", FerryServer.ADMIN_TOKEN);
      Process p = pb.start();
      // the calls wait on Ferry, which runs on this test's Vert.x: read the output off the test thread's blocking path
      var output = new java.util.concurrent.CompletableFuture<String>();
      new Thread(() -> {
        try {
          output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
          output.completeExceptionally(e);
        }
      }).start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script finishes").isTrue();
      String out = output.get(5, TimeUnit.SECONDS);
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("\"api_key\":\"********\"", "\"status\":\"active\"", "Bearer ********",
          "[\"Ada Lovelace\",\"Grace Hopper\",\"Alan Turing\"]", "[\"Edsger Dijkstra\",\"Barbara Liskov\",\"Donald Knuth\"]",
          "\"name\":\"Grace Hopper\"");
      assertThat(out).doesNotContain(DemoUpstream.TOKEN);
    } finally {
      ferry.stop().await();
      upstream.close().await();
    }
  }

  static Path readme() {
    Path p = Path.of("../README.md");
    return Files.exists(p) ? p : Path.of("README.md");
  }

  /** The fenced bash block right after the marker comment. */
  static String block(String readme) {
    int marker = readme.indexOf(MARKER);
    assertThat(marker).as("README has the try-it-offline marker").isPositive();
    int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }
}
