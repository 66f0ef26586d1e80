package io.ferry.engine.mcp;

import java.util.List;

/** The MCP revisions Ferry's one stateless JSON endpoint serves. */
public final class McpVersions {
  /** Newest first. */
  public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26");
  public static final String NEWEST = SUPPORTED.get(0);
  /** What a request without {@code MCP-Protocol-Version} is taken to speak (the 2025-06-18 transport rule). */
  public static final String ASSUMED_WHEN_ABSENT = "2025-03-26";
  /** JSON-RPC batches exist in this revision only; 2025-06-18 removed them. */
  public static final String BATCHING = "2025-03-26";

  private McpVersions() {
  }

  public static boolean supported(String version) {
    return SUPPORTED.contains(version);
  }

  /** The client's version when Ferry speaks it, else the newest (the client then decides whether to go on). */
  public static String negotiate(Object requested) {
    return requested instanceof String v && supported(v) ? v : NEWEST;
  }
}
