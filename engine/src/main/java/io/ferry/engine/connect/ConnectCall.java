package io.ferry.engine.connect;

import java.util.Map;

/**
 * One request to the hosted connect flow, from the HTTP edge: {@code kind} is {@link #PAGE}, {@link #OAUTH_START},
 * {@link #FIELDS} or {@link #CALLBACK}; {@code params} are the query and form parameters (first value each).
 */
public record ConnectCall(String kind, String integration, Map<String, String> params) {
  public static final String PAGE = "page";
  public static final String OAUTH_START = "oauth-start";
  public static final String FIELDS = "fields";
  public static final String CALLBACK = "callback";

  public ConnectCall {
    params = Map.copyOf(params);
  }

  String param(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
