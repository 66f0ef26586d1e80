package io.ferry.engine.core;

/**
 * Who is calling: the API token's id and the environment (and team) it acts in. {@code expiresAt} (epoch ms, null =
 * never) lets every cache of principals refuse the token the moment it expires.
 */
public record Principal(String tokenId, String environmentId, String teamId, boolean admin, Long expiresAt) {

  public Principal(String tokenId, String environmentId, String teamId, boolean admin) {
    this(tokenId, environmentId, teamId, admin, null);
  }

  public boolean expiredAt(long nowMillis) {
    return expiresAt != null && expiresAt <= nowMillis;
  }
}
