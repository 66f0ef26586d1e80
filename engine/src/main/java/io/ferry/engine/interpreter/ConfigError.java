package io.ferry.engine.interpreter;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;

/** An integration config that cannot be applied: a bad expression, a runaway evaluation, a missing resource. */
public final class ConfigError extends FerryFailure {
  public ConfigError(String message) {
    super(ErrorCode.UNPROCESSABLE, message);
  }
}
