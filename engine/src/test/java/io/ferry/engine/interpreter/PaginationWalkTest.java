package io.ferry.engine.interpreter;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every pagination format walked over a real HTTP server to the last page, through Ferry's opaque cursors. */
@ExtendWith(VertxExtension.class)
class PaginationWalkTest {

  final ConfigInterpreter interpreter = new ConfigInterpreter(Jsonata.defaults(), new CursorCodec("k".repeat(32).getBytes()));
  FakePagedApi api;
  WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    api = new FakePagedApi().start(vertx).await();
    client = WebClient.create(vertx);
  }

  JsonObject config(String path, String responsePath, JsonObject pagination) {
    JsonObject list = new JsonObject().put("path", path).put("pagination", pagination);
    if (responsePath != null) {
      list.put("response_path", responsePath);
    }
    return new JsonObject().put("base_url", api.base())
        .put("resources", new JsonObject().put("items", new JsonObject().put("list", list)));
  }

  /** Pages like a proxy caller would: one call per page, passing back each next_cursor; answers every page. */
  List<JsonArray> walk(JsonObject config, Integer limit) {
    List<JsonArray> pages = new ArrayList<>();
    String cursor = null;
    do {
      ListPage page = page(config, cursor, limit);
      pages.add(page.records());
      cursor = page.nextCursor();
      assertThat(pages).as("runaway pagination").hasSizeLessThan(20);
    } while (cursor != null);
    return pages;
  }

  /** One list call with the caller's cursor (null: the first page). */
  ListPage page(JsonObject config, String cursor, Integer limit) {
    {
      CallInput in = new CallInput(null, new JsonObject(), null, new JsonObject(), limit);
      PlannedRequest planned = ConfigInterpreterVerticle.plan(interpreter, new InterpretCall(config, config.encode(), "items",
          "list", "api_key", new JsonObject(), new JsonObject(), in, cursor, "acct-1|items|list"));
      var req = client.requestAbs(HttpMethod.valueOf(planned.request().method()), planned.request().url());
      planned.request().headers().forEach(h -> req.putHeader(h.getKey(), h.getValue()));
      var resp = req.send().await();
      JsonObject headers = new JsonObject();
      resp.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      ResponseDecision d = ConfigInterpreterVerticle.decide(interpreter,
          new InterpretResponse(planned, limit, "acct-1|items|list", UpstreamResponse.of(resp.statusCode(), headers, resp.body())),
          System.currentTimeMillis());
      return d.page();
    }
  }

  @Test
  @DisplayName("prev_cursor: none on the first page; from page 3 it leads back to page 2's records")
  void previousPage() {
    JsonObject config = config("/page", "data.users", new JsonObject().put("format", "page")
        .put("config", new JsonObject().put("page_key", "page").put("limit_key", "per_page")));
    ListPage first = page(config, null, 3);
    assertThat(first.prevCursor()).isNull();
    ListPage second = page(config, first.nextCursor(), 3);
    ListPage third = page(config, second.nextCursor(), 3);
    ListPage back = page(config, third.prevCursor(), 3);
    assertThat(back.records()).isEqualTo(second.records());
    assertThat(page(config, back.prevCursor(), 3).records()).isEqualTo(first.records());
  }

  @Test
  @DisplayName("prev_cursor with offsets: one page size back, never below the start")
  void previousOffset() {
    JsonObject config = config("/offset", "results", new JsonObject().put("format", "offset")
        .put("config", new JsonObject().put("offset_key", "offset").put("limit_key", "limit")));
    ListPage first = page(config, null, 4);
    ListPage second = page(config, first.nextCursor(), 4);
    assertThat(first.prevCursor()).isNull();
    assertThat(page(config, second.prevCursor(), 4).records()).isEqualTo(first.records());
  }

  static List<Integer> ids(List<JsonArray> pages) {
    List<Integer> ids = new ArrayList<>();
    pages.forEach(p -> p.forEach(o -> ids.add(((JsonObject) o).getInteger("id"))));
    return ids;
  }

  static final List<Integer> ALL = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

  @Test
  @DisplayName("page: page_key/limit_key, stops on the short last page")
  void page() {
    var pages = walk(config("/page", "data.users", new JsonObject().put("format", "page")
        .put("config", new JsonObject().put("page_key", "page").put("limit_key", "per_page"))), 3);
    assertThat(ids(pages)).isEqualTo(ALL);
    assertThat(pages).hasSize(4);
  }

  @Test
  @DisplayName("offset: *_param aliases accepted")
  void offset() {
    var pages = walk(config("/offset", "results", new JsonObject().put("format", "offset")
        .put("config", new JsonObject().put("offset_param", "offset").put("limit_param", "limit"))), 3);
    assertThat(ids(pages)).isEqualTo(ALL);
  }

  @Test
  @DisplayName("cursor: cursor_path in the body, sent back as cursor_key")
  void cursor() {
    var pages = walk(config("/cursor", "data", new JsonObject().put("format", "cursor").put("config", new JsonObject()
        .put("cursor_path", "meta.next").put("cursor_key", "after").put("limit_key", "limit"))), 3);
    assertThat(ids(pages)).isEqualTo(ALL);
    assertThat(api.requests).contains("/cursor?limit=3", "/cursor?limit=3&after=c3");
  }

  @Test
  @DisplayName("link_header: follows rel=next to the end")
  void linkHeader() {
    var pages = walk(config("/link", null, new JsonObject().put("format", "link_header")), null);
    assertThat(ids(pages)).isEqualTo(ALL);
  }

  @Test
  @DisplayName("range: Range request header, Content-Range response header")
  void range() {
    var pages = walk(config("/range", null, new JsonObject().put("format", "range")
        .put("config", new JsonObject().put("range_unit", "items"))), 4);
    assertThat(ids(pages)).isEqualTo(ALL);
    assertThat(pages).hasSize(3);
  }

  @Test
  @DisplayName("dynamic: three JSONata expressions drive the loop")
  void dynamic() {
    var pages = walk(config("/dynamic", "items", new JsonObject().put("format", "dynamic").put("config", new JsonObject()
        .put("get_initial_pagination_values_expression", "{ \"p\": 1 }")
        .put("get_pagination_values_expression", "$exists(body.next_page) and body.next_page != null ? { \"p\": body.next_page } : null"))), null);
    assertThat(ids(pages)).isEqualTo(ALL);
  }

  @Test
  @DisplayName("a link to another host is not followed")
  void foreignLinkNotFollowed() {
    var pages = walk(config("/evil-link", null, new JsonObject().put("format", "link_header")), null);
    assertThat(pages).hasSize(1);
    assertThat(api.requests).containsExactly("/evil-link");
  }

  @Test
  @DisplayName("a next cursor equal to the previous one ends the loop")
  void stuckCursorStops() {
    var pages = walk(config("/stuck-cursor", "data", new JsonObject().put("format", "cursor")
        .put("config", new JsonObject().put("cursor_path", "next"))), null);
    assertThat(pages).hasSize(2);
  }

  @Test
  @DisplayName("max_pages bounds the walk")
  void maxPages() {
    JsonObject config = config("/page", "data.users", new JsonObject().put("format", "page")
        .put("config", new JsonObject().put("limit_key", "per_page"))).put("max_pages", 2);
    assertThat(walk(config, 3)).hasSize(2);
  }

  @Test
  @DisplayName("a cursor edited by hand, or replayed for another account, is refused")
  void forgedCursorRefused() {
    JsonObject config = config("/page", "data.users", new JsonObject().put("format", "page")
        .put("config", new JsonObject().put("limit_key", "per_page")));
    MethodConfig mc = interpreter.method("v", config, "items", "list");
    CursorCodec codec = new CursorCodec("k".repeat(32).getBytes());
    String genuine = codec.encode("acct-1|items|list", new JsonObject().put("page", 2).put("n", 1));
    CallInput in = CallInput.empty();
    assertThat(interpreter.pageState(mc, in, genuine, "acct-1|items|list").getInteger("page")).isEqualTo(2);
    String edited = codec.encode("acct-1|items|list", new JsonObject().put("page", 99)).split("\\.")[0] + "." + genuine.split("\\.")[1];
    assertThatThrownBy(() -> interpreter.pageState(mc, in, edited, "acct-1|items|list")).hasMessageContaining("next_cursor");
    assertThatThrownBy(() -> interpreter.pageState(mc, in, genuine, "acct-2|items|list")).hasMessageContaining("next_cursor");
    assertThatThrownBy(() -> interpreter.pageState(mc, in, "garbage", "acct-1|items|list")).hasMessageContaining("next_cursor");
  }
}
