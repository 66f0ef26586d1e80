package io.ferry.engine.http;

import java.util.Locale;

/**
 * Which upstream answers go to the caller as they arrive, never held in memory, instead of being read whole and
 * reshaped. Error statuses are always read (bounded by the body cap): rate-limit, token and error handling need them.
 */
@FunctionalInterface
public interface StreamPolicy {
  boolean streams(int status, String contentType);

  StreamPolicy NEVER = (status, type) -> false;
  /** {@code truto_response_format=raw}: successful and redirect answers exactly as the upstream sent them. */
  StreamPolicy RAW = (status, type) -> status >= 200 && status < 400;
  /** A record that is not JSON (a file download, a CSV export, an image). A list always needs JSON records. */
  StreamPolicy NOT_JSON = (status, type) -> status >= 200 && status < 300 && type != null && !isJson(type);

  /** For a method: a list always needs its records, whatever the caller allowed. */
  default StreamPolicy forMethod(boolean list) {
    return list && this == NOT_JSON ? NEVER : this;
  }

  static boolean isJson(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).contains("json");
  }
}
