package io.ferry.engine.webhook;

/** A third-party webhook addressed to one account ({@code account}) or to an install ({@code install}). */
public record InboundCall(String kind, String targetId, InboundRequest request) {
  public static final String ACCOUNT = "account";
  public static final String INSTALL = "install";
}
