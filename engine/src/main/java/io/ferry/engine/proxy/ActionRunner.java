package io.ferry.engine.proxy;

import io.ferry.engine.account.Account;
import io.ferry.engine.account.ContextSecrets;
import io.ferry.engine.account.CredentialRules;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.CallInput;
import io.ferry.engine.interpreter.MethodConfig;
import io.ferry.engine.interpreter.MethodResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Runs an integration action ({@code actions.<name>}): steps in order, each seeing the last one's output as
 * {@code $previous} (and {@code previous}). {@code request} calls the upstream through the proxy pipeline,
 * {@code transform} evaluates JSONata, {@code update_context} merges an expression's object into the account context,
 * {@code set_context} merges a fixed object, {@code get_context} outputs the context. Context changes are returned,
 * the caller persists them.
 */
final class ActionRunner {
  static final long STEP_MAX_WAIT_MILLIS = 30_000;

  /** The account after the action (context possibly changed), the last output, and each step's outcome. */
  record Result(Account account, Object output, JsonArray steps) {
  }

  /** A failed step: which one and why, with the outcomes so far. */
  static final class StepFailure extends FerryFailure {
    final JsonArray steps;

    StepFailure(String message, JsonArray steps) {
      super(ErrorCode.UNPROCESSABLE, message);
      this.steps = steps;
    }
  }

  private final ProxyPipeline pipeline;

  ActionRunner(ProxyPipeline pipeline) {
    this.pipeline = pipeline;
  }

  Future<Result> run(Account account, String name, JsonObject action, CallInput in) {
    JsonArray steps = action.getValue("steps") instanceof JsonArray s ? s : new JsonArray().add(action);
    Future<Result> chain = Future.succeededFuture(new Result(account, in.body(), new JsonArray()));
    for (int i = 0; i < steps.size(); i++) {
      int index = i;
      JsonObject step = steps.getJsonObject(i);
      chain = chain.compose(r -> step(r, name, index, step, in).recover(e -> {
        String reason = e instanceof FerryFailure f ? f.getMessage() : e.getClass().getSimpleName();
        JsonArray outcomes = r.steps().copy().add(new JsonObject().put("step", index).put("type", step.getString("type"))
            .put("ok", false).put("error", reason));
        return Future.failedFuture(new StepFailure(name + " step " + index + " (" + step.getString("type") + ") failed: " + reason, outcomes));
      }));
    }
    return chain;
  }

  private Future<Result> step(Result r, String name, int index, JsonObject step, CallInput in) {
    String type = step.getString("type", "request");
    JsonObject config = step.getValue("config") instanceof JsonObject c ? c : new JsonObject();
    String expression = step.getString("expression", config.getString("expression"));
    JsonObject scope = new JsonObject().put("previous", r.output()).put("context", publicView(r.account()))
        .put("steps", r.steps());
    Map<String, Object> bindings = new java.util.HashMap<>();
    bindings.put("previous", r.output());
    return switch (type) {
      case "request" -> request(r, name, index, config, in);
      case "transform" -> Future.succeededFuture(done(r, r.account(), eval(expression, scope, bindings, name, index), index, type));
      case "set_context" -> Future.succeededFuture(merge(r, config.getValue("context") instanceof JsonObject o ? o : config, index, type));
      case "update_context" -> {
        Object value = expression == null ? r.output() : eval(expression, scope, bindings, name, index);
        if (!(value instanceof JsonObject o)) {
          throw new FerryFailure(ErrorCode.UNPROCESSABLE, "update_context needs an object, got " + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        yield Future.succeededFuture(merge(r, o, index, type));
      }
      case "get_context" -> Future.succeededFuture(done(r, r.account(), publicView(r.account()), index, type));
      default -> throw new FerryFailure(ErrorCode.UNPROCESSABLE, "unknown step type " + type);
    };
  }

  private Future<Result> request(Result r, String name, int index, JsonObject config, CallInput in) {
    JsonObject effective = r.account().effectiveConfig();
    // a request step without a method is a read, like a resource's get
    JsonObject stepConfig = config.containsKey("method") ? config : config.copy().put("method", "get");
    MethodConfig mc = MethodResolver.of(effective, "_actions", name, stepConfig);
    CallInput input = new CallInput(in.id(), in.query(), config.containsKey("body") ? in.body() : r.output() instanceof JsonObject
        ? r.output() : in.body(), in.headers(), null);
    return pipeline.call(r.account(), mc, input, null, STEP_MAX_WAIT_MILLIS).compose(o -> {
      if (o.decision().error() != null || o.response().status() >= 400) {
        String message = o.decision().error() == null || o.decision().error().isEmpty()
            ? "the upstream answered " + o.response().status() : o.decision().error();
        return Future.failedFuture(new FerryFailure(ErrorCode.BAD_GATEWAY, message));
      }
      Object output = o.decision().page() != null ? o.decision().page().records() : o.decision().record();
      return Future.succeededFuture(done(r, o.account(), output, index, "request"));
    });
  }

  private Object eval(String expression, JsonObject scope, Map<String, Object> bindings, String name, int index) {
    if (expression == null) {
      throw new FerryFailure(ErrorCode.UNPROCESSABLE, "step needs an expression");
    }
    return pipeline.interpreter().jsonata().evaluate(expression, scope, bindings, "/actions/" + name + "/steps/" + index);
  }

  private static Result merge(Result r, JsonObject values, int index, String type) {
    JsonObject context = r.account().context();
    context.mergeIn(values);
    ContextSecrets.Split split = ContextSecrets.split(context, CredentialRules.of(r.account().effectiveConfig()).passwordFields());
    return done(r, r.account().withContext(split.publicPart(), split.secretPart()), values, index, type);
  }

  private static Result done(Result r, Account account, Object output, int index, String type) {
    return new Result(account, output, r.steps().copy().add(new JsonObject().put("step", index).put("type", type).put("ok", true)));
  }

  /** Expressions see the context with credentials masked: an action's output must never carry a secret. */
  private static JsonObject publicView(Account a) {
    return ContextSecrets.masked(a.publicContext(), a.secrets());
  }
}
