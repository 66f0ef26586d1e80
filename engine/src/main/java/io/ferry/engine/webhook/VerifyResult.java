package io.ferry.engine.webhook;

/** Whether a webhook passed its signature check, why not (for config authors, never for callers), and its delivery id. */
public record VerifyResult(boolean ok, String reason, String deliveryId) {

  public static VerifyResult pass(String deliveryId) {
    return new VerifyResult(true, null, deliveryId);
  }

  public static VerifyResult fail(String reason) {
    return new VerifyResult(false, reason, null);
  }
}
