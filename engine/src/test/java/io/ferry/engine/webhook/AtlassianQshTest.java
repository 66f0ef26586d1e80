package io.ferry.engine.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Atlassian Connect JWTs with {@code qsh}: cases of the interoperability fixture {@code jwt-signed-urls.json}
 * (secret {@code s0m3-sh@r3d-s3cr37}) shipped by atlassian-connect-express, read from
 * https://github.com/svalio/atlassian-connect-express-encryption/blob/7e960c2066fd5665e7325bca20fd576cf9052b95/test/resources/jwt-signed-urls.json
 */
class AtlassianQshTest {
  static final JsonObject CONNECT = new JsonObject("""
      {"format":"jwt","config":{"algorithm":"HS256","secret":"{{shared_secret}}","qsh":true,"base_url":"https://example.com"}}""");
  static final JsonObject DATA = new JsonObject().put("shared_secret", "s0m3-sh@r3d-s3cr37");
  static final long AT = 1_392_204_500_000L; // between the tokens' iat and exp

  static InboundRequest get(String url) {
    String jwt = url.substring(url.indexOf("jwt=") + 4);
    return new InboundRequest("GET", url, new JsonObject(), new JsonObject().put("jwt", jwt), Buffer.buffer());
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("the fixture's signed URL verifies and its canonical request matches; a changed parameter or a late clock fails")
  @CsvSource(delimiter = '|', value = {
      "Simple|GET&/test&param=value|https://example.com/test?param=value&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiJiZTE2OTEwODU4YTQxZmQxOWVhNWMxYjRlOWRlY2NhOWE3ODRkMTAyNGNiMDBiMjE1OGRlZmUyZjI5ZGM4NmRkIiwiaWF0IjoxMzkyMjA0NDYyfQ.RX2cWoT3uD8W355G71nkAwZOAl36COJqRkgfIbsjVW8",
      "Spaces|GET&/test&param=some%20spaces%20in%20this%20parameter|https://example.com/test?param=some+spaces+in+this+parameter&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiJlZjQwOTdkMDUzOTVlYWYxYTEzMzk1NmYxNDAxMTZhOWM0MTFhZmFkNzY4ZDRmMDZkYWFjOWUzMDU3NjQyNjVkIiwiaWF0IjoxMzkyMjA0NDYyfQ.6aOehNE5lkC31NYIMDJF9VZpRZ81kxYHWIpyMBKmYAA",
      "Unicode|GET&/test&director=%E5%AE%AE%E5%B4%8E%20%E9%A7%BF|https://example.com/test?director=%E5%AE%AE%E5%B4%8E+%E9%A7%BF&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiI0NGQ2MzU0ZmZlOGY5NjM5NzJhN2ZjNTllOThiMmMzZGZlNGI0OTMyOTVjNWI4OWVkZDk3NGEzMzllNjFhYzg5IiwiaWF0IjoxMzkyMjA0NDYyfQ.CpshdNRY7ltaxhs87bE7bvZ7zRm9KqmTkVKp-UC5vP4",
      "Multi-value Comma-delimited|GET&/test&tuples=1%2C2%2C3,6%2C5%2C4,7%2C9%2C8|https://example.com/test?tuples=1%2C2%2C3&tuples=6%2C5%2C4&tuples=7%2C9%2C8&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiJmOWY2MmJiNjExOTFkZmYxYjIxOWU5YWRlOGFjMzhmY2ZhNDYyNzJlYTc2ZDk1NDU0MTBkYjY1NTlmZDhlN2JkIiwiaWF0IjoxMzkyMjA0NDYyfQ.ONhHz7dlSoRQKDL6r6IZSysKWSiGH2HnkgNMGJ4ztLA",
      "Plus|GET&/test&title=1%20%2B%201%20equals%203|https://example.com/test?title=1+%2B+1+equals+3&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiJjZTBhODY2Y2UwYzM0Y2JkZTcwZGViNjNmNjkxNTE5MmY1ODUwMGQyYjQ5YjEyZTFmZmM4Y2RmOTFlZGFiYzkxIiwiaWF0IjoxMzkyMjA0NDYyfQ.p9MMODlPWxPHeK6mcWdciBnEjin3U3qXwKNNHSr4KB8",
      "RFC-1738 Unsafe|GET&/test&rfc=%20%3C%3E%22%23%25%7B%7D%7C%5C%5E~%5B%5D%60|https://example.com/test?rfc=+%3C%3E%22%23%25%7B%7D%7C%5C%5E%7E%5B%5D%60&jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEzOTIyMDQ2NDIsInN1YiI6IjEyMzQ1Njc4OSIsImlzcyI6ImppcmE6MTIzNC01Njc4LTkwMDAiLCJxc2giOiIzNmJhMzljNTM3OWQ3NTJiYmVmMTM0OWJhNThkZjk4ZWNhYTQ1NmI3OGM3YzJlMzI0NWUyZjMzZWFjNzEyYTQ5IiwiaWF0IjoxMzkyMjA0NDYyfQ.T9FRAsBE7taex5QDhZTYAU8lfZAJ45DDRxZH69eBrgQ"})
  void fixture(String name, String canonical, String signedUrl) {
    assertThat(QueryStringHash.canonical("GET", signedUrl, "https://example.com")).isEqualTo(canonical);
    assertThat(SignatureVerifier.verify(CONNECT, get(signedUrl), DATA, AT).ok()).as(name).isTrue();
    String query = URI.create(signedUrl).getRawQuery();
    String tampered = signedUrl.replace("?" + query.substring(0, 2), "?" + query.charAt(0) + (char) (query.charAt(1) + 1));
    assertThat(SignatureVerifier.verify(CONNECT, get(tampered), DATA, AT).reason()).isEqualTo("the JWT qsh does not match the request");
    assertThat(SignatureVerifier.verify(CONNECT, get(signedUrl), DATA, AT + 3_600_000).ok()).as("expired").isFalse();
  }
}
