package io.ferry.engine.interpreter;

/**
 * What a response means: for lists the page of records and next cursor, otherwise the record; the rate-limit
 * decision; and the error message when the response is an error (null when it is not).
 */
public record ResponseDecision(ListPage page, Object record, RateLimitDecision rateLimit, String error) {
}
