package io.ferry.engine.bus;

/** Who is calling: the API token's id and the environment (and team) it acts in. */
public record Principal(String tokenId, String environmentId, String teamId, boolean admin) {
}
