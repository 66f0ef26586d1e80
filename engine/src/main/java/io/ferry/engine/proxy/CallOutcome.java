package io.ferry.engine.proxy;

import io.ferry.engine.account.Account;
import io.ferry.engine.interpreter.PlannedRequest;
import io.ferry.engine.interpreter.ResponseDecision;
import io.ferry.engine.interpreter.UpstreamResponse;

/**
 * What one upstream call produced: the account as it is now (tokens may have changed), the request, the response and
 * its meaning, and whether the token was refreshed after a 401 (a 401 then means the grant itself no longer works).
 */
public record CallOutcome(Account account, PlannedRequest planned, UpstreamResponse response, ResponseDecision decision,
                          boolean refreshedAfter401) {
}
