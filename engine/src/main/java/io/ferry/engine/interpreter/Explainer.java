package io.ferry.engine.interpreter;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /integrated-account/{id}/explain}: the exact request the proxy would send for a call — built by the same
 * code the proxy uses — with every secret value masked, where each part came from, and the pagination state. Sends
 * nothing upstream.
 */
final class Explainer {
  static final String MASK = "********";

  private Explainer() {
  }

  static JsonObject explain(ConfigInterpreter interpreter, ExplainCall explain) {
    InterpretCall call = explain.call();
    PlannedRequest planned = ConfigInterpreterVerticle.plan(interpreter, call);
    MethodConfig mc = planned.method();
    UpstreamRequest request = planned.request();
    List<String> secrets = explain.secrets().stream().filter(s -> s != null && s.length() >= 4)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    ConfigLayers layers = new ConfigLayers(explain.integrationConfig(), explain.override(), mc.resource(), mc.method());

    JsonObject headers = new JsonObject();
    JsonObject headerSources = new JsonObject();
    for (Map.Entry<String, String> h : request.headers()) {
      headers.put(h.getKey(), mask(h.getValue(), secrets));
      headerSources.put(h.getKey(), mc.headers().containsKey(h.getKey()) ? layers.sourceOf("headers", h.getKey())
          : mc.authorization() != null ? "authorization (" + layers.sourceOf("authorization") + ")" : "ferry");
    }
    JsonObject sources = new JsonObject()
        .put("base_url", layers.sourceOf("base_url"))
        .put("path", layers.sourceOf("path"))
        .put("method", layers.sourceOf("method"))
        .put("headers", headerSources)
        .put("query", querySources(mc, layers))
        .put("body", layers.sourceOf("body"))
        .put("authorization", layers.sourceOf("authorization"))
        .put("pagination", layers.sourceOf("pagination"))
        .put("rate_limit", layers.sourceOf("rate_limit"))
        .put("error_expression", layers.sourceOf("error_expression"));

    String body = request.body() == null ? null : mask(request.body().toString(StandardCharsets.UTF_8), secrets);
    return new JsonObject()
        .put("request", new JsonObject().put("method", request.method()).put("url", mask(request.url(), secrets))
            .put("headers", headers).put("body", body))
        .put("resource", mc.resource()).put("method", mc.method())
        .put("sources", sources)
        .put("pagination", mc.pagination() == null ? null : new JsonObject()
            .put("format", mc.pagination().getString("format")).put("state", planned.pageState()))
        .put("rate_limit", new JsonObject().put("config", mc.rateLimit()).mergeIn(explain.state().getJsonObject("rate_limit", new JsonObject())))
        .put("token", explain.state().getJsonObject("token"))
        .put("sent", false);
  }

  private static JsonObject querySources(MethodConfig mc, ConfigLayers layers) {
    JsonObject out = new JsonObject();
    mc.query().fieldNames().forEach(q -> out.put(q, layers.sourceOf("query", q)));
    return out;
  }

  /** Every occurrence of a secret value replaced, also inside longer strings ({@code Bearer <token>}, URLs). */
  static String mask(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
      String encoded = java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
      if (!encoded.equals(s)) {
        out = out.replace(encoded, MASK);
      }
    }
    return out;
  }
}
