package io.ferry.engine.proxy;

import io.ferry.engine.account.Account;
import io.ferry.engine.interpreter.CallInput;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs {@code actions.post_install} then {@code actions.validation} for an account: {@code active} when both pass,
 * else {@code post_install_error} / {@code validation_error} with {@code last_error}; step outcomes are stored in
 * {@code last_action_result} and the matching account event is published.
 */
final class AccountLifecycle {
  private final ActionRunner runner;
  private final BiFunction<Account, List<String>, Future<Account>> persist;

  /** @param persist writes the account together with its events */
  AccountLifecycle(ActionRunner runner, BiFunction<Account, List<String>, Future<Account>> persist) {
    this.runner = runner;
    this.persist = persist;
  }

  Future<Account> run(Account account) {
    JsonObject actions = account.effectiveConfig().getValue("actions") instanceof JsonObject a ? a : new JsonObject();
    JsonObject results = new JsonObject();
    return phase(account, actions, "post_install", results)
        .compose(a -> phase(a, actions, "validation", results))
        .compose(a -> finish(a.withStatus("active", null, results), "integrated_account:active"))
        .recover(e -> {
          if (e instanceof PhaseFailure f) {
            return finish(f.account.withStatus(f.phase + "_error", f.getMessage(), results), "integrated_account:" + f.phase + "_error");
          }
          return Future.failedFuture(e);
        });
  }

  private Future<Account> phase(Account account, JsonObject actions, String phase, JsonObject results) {
    if (!(actions.getValue(phase) instanceof JsonObject action)) {
      return Future.succeededFuture(account);
    }
    return runner.run(account, phase, action, CallInput.empty()).transform(ar -> {
      if (ar.succeeded()) {
        results.put(phase, new JsonObject().put("ok", true).put("steps", ar.result().steps()));
        return Future.succeededFuture(ar.result().account());
      }
      Throwable e = ar.cause();
      results.put(phase, new JsonObject().put("ok", false).put("error", e.getMessage())
          .put("steps", e instanceof ActionRunner.StepFailure s ? s.steps : null));
      return Future.failedFuture(new PhaseFailure(phase, account, e.getMessage()));
    });
  }

  private Future<Account> finish(Account account, String event) {
    return persist.apply(account, List.of(event));
  }

  private static final class PhaseFailure extends RuntimeException {
    final String phase;
    final Account account;

    PhaseFailure(String phase, Account account, String message) {
      super(message, null, false, false);
      this.phase = phase;
      this.account = account;
    }
  }
}
