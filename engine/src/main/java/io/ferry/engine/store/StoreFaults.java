package io.ferry.engine.store;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Store failures told apart: a store that is unreachable or dropped the connection is a 503 (retry later), a value
 * the store will not take (too long, NUL character, out of range) is the caller's 400, a duplicate is a 409. Messages
 * never quote the driver's text: it echoes the offending input.
 */
public final class StoreFaults {
  private StoreFaults() {
  }

  /** Seconds a 503 asks the caller to wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 1;

  /** The failure a caller should see for a store exception, or null when it is not a store exception. */
  public static FerryFailure classify(Throwable e) {
    if (isConnectionFault(e)) {
      return new FerryFailure(ErrorCode.UNAVAILABLE, "the store is unavailable right now; retry shortly");
    }
    String state = sqlState(e);
    if (state == null) {
      return null;
    }
    if (state.startsWith("22")) {
      return FerryFailure.invalid("", "a value is not accepted by the store (too long, out of range, or a NUL character)");
    }
    if (state.equals("23505")) {
      return FerryFailure.conflict("an object with these values already exists");
    }
    if (state.startsWith("23")) {
      return FerryFailure.conflict("the change conflicts with another object (it may have just been deleted)");
    }
    return null;
  }

  /** True when the store could not be reached or dropped the connection: nothing the caller did wrong. */
  public static boolean isConnectionFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ClosedConnectionException || t instanceof java.net.ConnectException
          || t instanceof java.nio.channels.ClosedChannelException || t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      String state = t instanceof DatabaseException d ? d.getSqlState() : t instanceof SQLException s ? s.getSQLState() : null;
      if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300") || state.equals("90067")
          || state.equals("90098") || state.equals("90121"))) {
        return true; // connection exceptions, admin shutdown/terminated backend, too many connections; H2: broken/closed
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("pool closed") || m.contains("connection refused") || m.contains("connection reset")
          || m.contains("connection is closed") || m.contains("connection is not active") || m.contains("timeout waiting for")
          || m.contains("failed to acquire")) {
        return true;
      }
    }
    return false;
  }

  /** The SQLSTATE of a store exception in the cause chain, or null. */
  public static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseException d && d.getSqlState() != null) {
        return d.getSqlState();
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  /** What a log line may say about a failure: its type and SQLSTATE, never its message (which can quote input). */
  public static String describe(Throwable e) {
    String state = sqlState(e);
    return e.getClass().getName() + (state == null ? "" : " (SQLSTATE " + state + ")");
  }
}
