package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code X-Truto-Signature: format=sha256,v=<base64 HMAC-SHA256 of the raw body>}, keyed by the webhook's secret. */
public final class OutboundSignature {
  public static final String HEADER = "X-Truto-Signature";

  private OutboundSignature() {
  }

  public static String of(String secret, Buffer body) {
    byte[] mac = HmacSignature.mac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), body.getBytes());
    return "format=sha256,v=" + Base64.getEncoder().encodeToString(mac);
  }
}
