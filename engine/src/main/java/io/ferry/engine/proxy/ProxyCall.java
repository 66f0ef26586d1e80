package io.ferry.engine.proxy;

import io.ferry.engine.http.StreamPolicy;
import io.ferry.engine.core.Principal;
import io.ferry.engine.interpreter.CallInput;

/**
 * One {@code /proxy} call from the HTTP edge: which account, which resource and method (list, get, create, update,
 * delete, a custom method, or a custom action when resource is {@code _}), the caller's input and cursor, and how
 * long the caller accepts to wait for the account's rate limit. {@code streaming} picks the answers handed back
 * unread for the caller to stream ({@link StreamPolicy}; {@code /proxy} streams downloads and raw answers, the
 * unified API and MCP tools read everything).
 */
public record ProxyCall(Principal principal, String accountId, String resource, String method, CallInput input,
                        String cursor, long maxWaitMillis, StreamPolicy streaming) {

  public ProxyCall(Principal principal, String accountId, String resource, String method, CallInput input,
                   String cursor, long maxWaitMillis) {
    this(principal, accountId, resource, method, input, cursor, maxWaitMillis, StreamPolicy.NEVER);
  }
}
