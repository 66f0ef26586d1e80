package io.ferry.engine.bus;

/**
 * "Forget the cached principal of this API token": published on {@code Addresses.AUTH_INVALIDATE} when a token is
 * revoked. A null {@code tokenId} clears every cached principal (e.g. after a cluster peer's change of unknown scope).
 */
public record TokenInvalidation(String tokenId) {
}
