package io.ferry.engine.mcp;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Streamable HTTP checks before any JSON-RPC: {@code Origin} (the spec's DNS-rebinding guard: absent, the same
 * origin as the request, Ferry's public URL, or a configured origin; anything else 403), {@code MCP-Protocol-Version}
 * (an unsupported one 400) and a JSON content type (415).
 */
final class McpTransport {
  private final Set<String> allowedOrigins;

  McpTransport(String publicUrl, List<String> configuredOrigins) {
    this.allowedOrigins = configuredOrigins.stream().map(McpTransport::normalise).collect(Collectors.toSet());
    if (publicUrl != null) {
      allowedOrigins.add(normalise(publicUrl));
    }
  }

  void checkOrigin(McpRequest r) {
    if (r.origin() != null && !originAllowed(r.origin(), r.host())) {
      throw new FerryFailure(ErrorCode.FORBIDDEN, "Origin " + r.origin() + " may not call this MCP server");
    }
  }

  /**
   * The protocol version and content type. {@code server/discover} is how a client learns which versions Ferry speaks,
   * so it is answered whatever version the client announced.
   */
  void checkHeaders(McpRequest r, boolean discovery) {
    if (!discovery && r.protocolVersion() != null && !McpVersions.supported(r.protocolVersion())) {
      throw FerryFailure.invalid("/MCP-Protocol-Version", "unsupported MCP protocol version '" + r.protocolVersion()
          + "'; this server speaks " + String.join(", ", McpVersions.SUPPORTED));
    }
    if (r.contentType() != null && !r.contentType().toLowerCase(Locale.ROOT).contains("json")) {
      throw new FerryFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send JSON-RPC as Content-Type: application/json");
    }
  }

  private boolean originAllowed(String origin, String host) {
    String o = normalise(origin);
    if (allowedOrigins.contains(o)) {
      return true;
    }
    try {
      URI uri = URI.create(o);
      String authority = uri.getRawAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host)
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Scheme://host[:port], lower case, without a path or a trailing slash. */
  private static String normalise(String url) {
    String s = url.trim().toLowerCase(Locale.ROOT);
    try {
      URI uri = URI.create(s);
      if (uri.getScheme() != null && uri.getRawAuthority() != null) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
      }
    } catch (IllegalArgumentException ignored) {
      // compared as given
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
