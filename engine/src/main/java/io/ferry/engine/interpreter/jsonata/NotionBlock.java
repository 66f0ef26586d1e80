package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What both Notion converters read first from a block, as both libraries do: its type, the data under that type
 * (failing as JavaScript does when it is missing), its rich text through the converter's own formatter, and the plain
 * text of its captions.
 */
record NotionBlock(String type, Map<?, ?> data, List<Object> text, List<Object> caption) {

  static NotionBlock of(Object block, Function<Object, Object> formatText) {
    String type = Js.string(Lodash.get(block, "type"));
    Object data = Lodash.get(block, List.of(type));
    if (!(data instanceof Map<?, ?> d)) {
      throw new IllegalArgumentException("Cannot read properties of " + Js.string(data) + " (reading 'rich_text')");
    }
    List<Object> text = new ArrayList<>();
    if (Js.truthy(d.get("rich_text")) && d.get("rich_text") instanceof List<?> rich) {
      rich.forEach(x -> text.add(formatText.apply(x)));
    }
    List<Object> caption = new ArrayList<>();
    if (Js.truthy(d.get("caption")) && d.get("caption") instanceof List<?> cap) {
      cap.forEach(x -> caption.add(x instanceof Map<?, ?> c ? c.get("plain_text") : null));
    }
    return new NotionBlock(type, d, text, caption);
  }
}
