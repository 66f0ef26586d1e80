package io.ferry.engine.connect;

/**
 * What the HTTP edge sends back: a redirect ({@code location} set) or an HTML page. {@code formAction} lists the
 * origins the page's forms may lead to (the provider's authorize origin), for the Content-Security-Policy.
 */
public record ConnectReply(int status, String location, String html, String nonce, String formAction) {

  public static ConnectReply redirect(String location) {
    return new ConnectReply(302, location, null, null, null);
  }

  public static ConnectReply page(int status, Page page) {
    return new ConnectReply(status, null, page.html(), page.nonce(), page.formAction());
  }

  /** A rendered page and the nonce its inline style and script carry. */
  public record Page(String html, String nonce, String formAction) {
  }

  /** The strict policy: nothing external, inline code only with this response's nonce, no framing. */
  public String contentSecurityPolicy() {
    return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; img-src data:;"
        + " form-action 'self'" + (formAction == null ? "" : " " + formAction) + "; frame-ancestors 'none'; base-uri 'none'";
  }
}
