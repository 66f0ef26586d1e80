package io.ferry.api.catalog;

import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Simulators of Twilio and SendGrid, written from their public API and webhook docs. */
final class ProvidersC {
  private ProvidersC() {
  }

  // Twilio REST 2010-04-01: Basic auth (SID:token), next_page_uri links, 429 (code 20429); X-Twilio-Signature callbacks
  static ProviderCase twilio() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("AC0123:tw-token".getBytes(StandardCharsets.UTF_8));
    return new ProviderCase("twilio", (r, sim) -> {
      for (String res : new String[] {"Messages", "Calls"}) {
        String key = res.toLowerCase();
        r.get("/2010-04-01/Accounts/:sid/" + res + ".json").handler(ctx -> {
          if (!basic.equals(ctx.request().getHeader("authorization")) || !"AC0123".equals(ctx.pathParam("sid"))) {
            Sim.json(ctx, 401, new JsonObject().put("code", 20003).put("message", "Authenticate").put("status", 401));
            return;
          }
          if (sim.firstTime(key)) {
            ctx.response().putHeader("Retry-After", "1");
            Sim.json(ctx, 429, new JsonObject().put("code", 20429).put("message", "Too Many Requests").put("status", 429));
            return;
          }
          int size = Sim.intParam(ctx, "PageSize", 50);
          int page = Sim.intParam(ctx, "Page", 0);
          int from = page * size;
          String next = from + size < Sim.TOTAL ? "/2010-04-01/Accounts/AC0123/" + res + ".json?PageSize=" + size + "&Page="
              + (page + 1) + "&PageToken=PA" + (from + size) : null;
          Sim.json(ctx, 200, new JsonObject().put(key, Sim.records(key, "sid", from, size)).put("page", page)
              .put("page_size", size).put("next_page_uri", next));
        });
        r.get("/2010-04-01/Accounts/:sid/" + res + "/:id").handler(ctx -> Sim.json(ctx, 200,
            new JsonObject().put("sid", ctx.pathParam("id").replace(".json", ""))));
      }
    }, "api_key", b -> new JsonObject().put("account_sid", "AC0123").put("auth_token", "tw-token"),
        b -> ProvidersA.base(b + "/2010-04-01"), List.of("messages", "calls"), List.of("messages-4", "calls-1"), "messages", true,
        (account, install) -> {
          // a status callback: form-encoded, signed over the full URL followed by the sorted parameters
          Map<String, String> params = new TreeMap<>(Map.of("MessageSid", "SM123", "MessageStatus", "delivered",
              "AccountSid", "AC0123", "To", "+15558675310", "Body", "100% sure & done"));
          StringBuilder body = new StringBuilder();
          StringBuilder signed = new StringBuilder("http://localhost:" + CatalogEndToEndTest.port + "/integrated-account-webhook/" + account);
          params.forEach((k, v) -> {
            body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            signed.append(k).append(v);
          });
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Twilio-Signature", Base64.getEncoder().encodeToString(Sign.hmac("HmacSHA1", "tw-token", signed.toString())))
              .put("I-Twilio-Idempotency-Token", "idem-1").put("Content-Type", "application/x-www-form-urlencoded"),
              body.toString(), "record:updated");
        });
  }

  static final KeyPair SENDGRID_KEYS = p256();

  static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // SendGrid v3: bearer key, limit/offset arrays, 429 with X-RateLimit-Reset (epoch s); ECDSA-signed Event Webhook
  static ProviderCase sendgrid() {
    return new ProviderCase("sendgrid", (r, sim) -> {
      for (String res : new String[] {"bounces", "blocks"}) {
        r.get("/v3/suppression/" + res).handler(ctx -> {
          if (!"Bearer SG.key".equals(ctx.request().getHeader("authorization"))) {
            Sim.json(ctx, 401, new JsonObject().put("errors", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("field", null).put("message", "authorization required"))));
            return;
          }
          ctx.response().putHeader("X-RateLimit-Limit", "600");
          if (sim.firstTime(res)) {
            ctx.response().putHeader("X-RateLimit-Remaining", "0")
                .putHeader("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 2));
            Sim.json(ctx, 429, new JsonObject().put("errors", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("field", null).put("message", "too many requests"))));
            return;
          }
          ctx.response().putHeader("X-RateLimit-Remaining", "500");
          Sim.json(ctx, 200, Sim.records(res, "email", Sim.intParam(ctx, "offset", 0), Sim.intParam(ctx, "limit", 500)));
        });
        r.get("/v3/suppression/" + res + "/:email").handler(ctx -> Sim.json(ctx, 200, new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("email", ctx.pathParam("email")).put("reason", "550 5.1.1"))));
      }
    }, "api_key", b -> new JsonObject().put("api_key", "SG.key").put("webhook_verification_key",
            Base64.getEncoder().encodeToString(SENDGRID_KEYS.getPublic().getEncoded())),
        b -> ProvidersA.base(b + "/v3"), List.of("bounces", "blocks"), List.of("bounces-2", "blocks-6"), "bounces", true,
        (account, install) -> {
          String body = "[{\"email\":\"ann@example.com\",\"event\":\"delivered\",\"sg_event_id\":\"ZGVsaXZlcmVk\","
              + "\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\",\"timestamp\":1700000000}]\r\n";
          String ts = Long.toString(System.currentTimeMillis() / 1000);
          return new ProviderCase.Webhook("/integrated-account-webhook/" + account, new JsonObject()
              .put("X-Twilio-Email-Event-Webhook-Signature", ecdsa(ts + body)).put("X-Twilio-Email-Event-Webhook-Timestamp", ts)
              .put("Content-Type", "application/json"), body, "record:created");
        });
  }

  static String ecdsa(String data) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(SENDGRID_KEYS.getPrivate());
      s.update(data.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
