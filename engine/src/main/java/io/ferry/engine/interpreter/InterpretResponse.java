package io.ferry.engine.interpreter;

/** Ask what an upstream response means for the request that produced it. */
public record InterpretResponse(PlannedRequest planned, Integer limit, String binding, UpstreamResponse response) {
}
