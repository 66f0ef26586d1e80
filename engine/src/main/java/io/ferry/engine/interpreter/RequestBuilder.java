package io.ferry.engine.interpreter;

import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.interpreter.pagination.PageParams;
import io.ferry.engine.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the exact upstream request for one method call: URL from {@code base_url} + {@code path} (placeholder values
 * encoded as path segments), query from integration + method + caller + pagination (a parameter whose value stays
 * unresolved is dropped), headers (null removes, unresolved dropped), authorization, and the body per
 * {@code body_format}.
 */
public final class RequestBuilder {

  private final Jsonata jsonata;

  public RequestBuilder(Jsonata jsonata) {
    this.jsonata = jsonata;
  }

  /** The placeholder data: account context at the root, plus {@code context}, {@code credentials} and request roots. */
  public static JsonObject data(JsonObject context, JsonObject environmentVariables, CallInput in, JsonObject pagination) {
    JsonObject data = new JsonObject(new LinkedHashMap<>(context.getMap()));
    return data.put("context", context).put("credentials", context)
        .put("environment_variables", environmentVariables == null ? new JsonObject() : environmentVariables)
        .put("id", in.id()).put("query", in.query()).put("body", in.body() instanceof RawBody ? null : in.body())
        .put("headers", in.headers())
        .put("pagination", pagination);
  }

  public UpstreamRequest build(MethodConfig mc, String authenticationMethod, JsonObject context,
                               JsonObject environmentVariables, CallInput in, PageParams page) {
    JsonObject data = data(context, environmentVariables, in, page.values());
    String url = page.url() != null ? page.url() : url(mc, data) + query(mc, data, in, page);

    Map<String, String> headers = new LinkedHashMap<>();
    mc.headers().forEach(e -> {
      if (e.getValue() == null) {
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(e.getKey()));
      } else {
        Object v = Placeholders.render(e.getValue(), data);
        if (usable(v)) {
          Authorizer.put(headers, e.getKey(), Placeholders.stringify(v));
        }
      }
    });
    page.headers().forEach(e -> Authorizer.put(headers, e.getKey(), String.valueOf(e.getValue())));
    Authorizer.apply(mc.authorization(), mc.noAuth(), authenticationMethod, data, headers, jsonata, url);

    Buffer body = body(mc, data, in, page, headers);
    java.util.List<Map.Entry<String, String>> list = new ArrayList<>(headers.size());
    headers.forEach((k, v) -> list.add(Map.entry(k, v)));
    return new UpstreamRequest(mc.httpMethod(), url, java.util.List.copyOf(list), body);
  }

  private static String url(MethodConfig mc, JsonObject data) {
    String base = Placeholders.renderInline(mc.baseUrl(), data, s -> s);
    String path = Placeholders.renderInline(mc.path(), data, QueryString::percentEncode);
    if (Placeholders.hasPlaceholder(base) || Placeholders.hasPlaceholder(path)) {
      throw FerryFailure.badRequest("cannot build the URL for " + mc.resource() + "." + mc.method() + ": "
          + (Placeholders.hasPlaceholder(path) ? "path " + mc.path() : "base_url " + mc.baseUrl())
          + " needs a value the call and the account's context do not have");
    }
    if (base.endsWith("/") && path.startsWith("/")) {
      return base + path.substring(1);
    }
    return path.isEmpty() || path.startsWith("/") || base.endsWith("/") ? base + path : base + "/" + path;
  }

  private static String query(MethodConfig mc, JsonObject data, CallInput in, PageParams page) {
    Map<String, Object> params = new LinkedHashMap<>();
    mc.query().forEach(e -> {
      Object v = Placeholders.render(e.getValue(), data);
      if (usable(v)) {
        params.put(e.getKey(), v);
      }
    });
    in.query().forEach(e -> params.put(e.getKey(), e.getValue()));
    page.query().forEach(e -> params.put(e.getKey(), e.getValue()));
    if (params.isEmpty()) {
      return "";
    }
    String qs = QueryString.encode(params, mc.queryArrayFormat());
    return qs.isEmpty() ? "" : (mc.baseUrl().contains("?") || mc.path().contains("?") ? "&" : "?") + qs;
  }

  private static boolean usable(Object v) {
    return v != null && v != Placeholders.UNDEFINED && !(v instanceof String s && Placeholders.hasPlaceholder(s));
  }

  private static Buffer body(MethodConfig mc, JsonObject data, CallInput in, PageParams page, Map<String, String> headers) {
    if (in.body() instanceof RawBody raw) { // streamed by the client as it came; only its framing headers here
      if (raw.contentType() != null) {
        headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
        headers.put("Content-Type", raw.contentType());
      }
      if (raw.contentLength() != null) {
        headers.put("Content-Length", raw.contentLength());
      }
      return null;
    }
    Object value = mc.body() != null ? Placeholders.render(mc.body(), data) : in.body();
    if (!page.body().isEmpty()) {
      value = Json.deepMerge(value instanceof JsonObject o ? o : new JsonObject(), page.body(), false);
    }
    if (value == null || value == Placeholders.UNDEFINED) {
      return null;
    }
    return switch (mc.bodyFormat()) {
      case "form" -> {
        contentType(headers, "application/x-www-form-urlencoded");
        yield Buffer.buffer(value instanceof JsonObject o ? QueryString.encode(o, mc.queryArrayFormat()) : Placeholders.stringify(value));
      }
      case "raw", "xml" -> {
        contentType(headers, "xml".equals(mc.bodyFormat()) ? "application/xml" : "text/plain");
        yield Buffer.buffer(Placeholders.stringify(value));
      }
      case "multipart" -> multipart(value, headers);
      default -> {
        contentType(headers, "application/json");
        yield value instanceof JsonObject o ? o.toBuffer() : value instanceof JsonArray a ? a.toBuffer()
            : Buffer.buffer(io.vertx.core.json.Json.encode(value));
      }
    };
  }

  private static Buffer multipart(Object value, Map<String, String> headers) {
    String boundary = "ferry-" + UUID.randomUUID();
    headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
    headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
    Buffer out = Buffer.buffer();
    JsonObject fields = value instanceof JsonObject o ? o : new JsonObject().put("data", value);
    fields.forEach(e -> out.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + e.getKey().replace("\"", "%22") + "\"\r\n\r\n" + Placeholders.stringify(e.getValue()) + "\r\n"));
    return out.appendString("--" + boundary + "--\r\n");
  }

  private static void contentType(Map<String, String> headers, String type) {
    if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
      headers.put("Content-Type", type);
    }
  }
}
