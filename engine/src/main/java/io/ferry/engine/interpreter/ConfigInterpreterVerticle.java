package io.ferry.engine.interpreter;

import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Serves the interpreter over the event bus for verticles that do not hold it in-process. Stateless: every message
 * carries the config, context and page state it needs.
 */
public final class ConfigInterpreterVerticle extends VerticleBase {

  private final ConfigInterpreter interpreter;

  public ConfigInterpreterVerticle(ConfigInterpreter interpreter) {
    this.interpreter = interpreter;
  }

  @Override
  public Future<?> start() {
    Bus.registerCodecs(vertx, InterpretCall.class, PlannedRequest.class, InterpretResponse.class, ResponseDecision.class,
        ExplainCall.class);
    return Future.join(
        Bus.<InterpretCall, PlannedRequest>serve(vertx, Addresses.INTERPRETER_BUILD_REQUEST,
            call -> Future.succeededFuture(plan(interpreter, call))).completion(),
        Bus.<InterpretResponse, ResponseDecision>serve(vertx, Addresses.INTERPRETER_READ_RESPONSE,
            read -> Future.succeededFuture(decide(interpreter, read, System.currentTimeMillis()))).completion(),
        Bus.<ExplainCall, io.vertx.core.json.JsonObject>serve(vertx, Addresses.INTERPRETER_EXPLAIN,
            explain -> Future.succeededFuture(Explainer.explain(interpreter, explain))).completion());
  }

  public static PlannedRequest plan(ConfigInterpreter interpreter, InterpretCall call) {
    MethodConfig mc = interpreter.method(call.versionKey(), call.effectiveConfig(), call.resource(), call.method());
    var state = interpreter.pageState(mc, call.input(), call.cursor(), call.binding());
    UpstreamRequest request = interpreter.buildRequest(mc, call.authenticationMethod(), call.context(),
        call.environmentVariables(), call.input(), state);
    return new PlannedRequest(mc, state, request);
  }

  public static ResponseDecision decide(ConfigInterpreter interpreter, InterpretResponse read, long nowMillis) {
    MethodConfig mc = read.planned().method();
    UpstreamResponse response = read.response();
    ResponseScope scope = new ResponseScope(response);
    RateLimitDecision rateLimit = interpreter.rateLimit(mc, scope, nowMillis);
    String error = interpreter.error(mc, scope);
    if (error != null || rateLimit.limited()) {
      return new ResponseDecision(null, null, rateLimit, error);
    }
    if (response.stream() != null) { // goes to the caller as it is: no records to read
      return new ResponseDecision(null, null, rateLimit, null);
    }
    if (mc.isList()) {
      ListPage page = interpreter.readList(mc, response, read.planned().pageState(), read.limit(), read.binding(),
          read.planned().request().url());
      return new ResponseDecision(page, null, rateLimit, null);
    }
    return new ResponseDecision(null, interpreter.record(mc, response), rateLimit, null);
  }
}
