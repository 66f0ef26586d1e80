package io.ferry.engine.connect;

/** Ends a connect request early with the page or redirect already decided. */
final class Refusal extends RuntimeException {
  final transient ConnectReply reply;

  Refusal(ConnectReply reply) {
    super(null, null, false, false);
    this.reply = reply;
  }
}
