package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.arg;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.def;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.str;

import org.jsoup.Jsoup;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code $xmlToJs} (xml-js, compact form) and {@code $jsonToCsv} (json2csv defaults). */
final class DataFormats {
  private DataFormats() {
  }

  static void define() {
    def("xmlToJs", null, a -> {
      Map<String, Object> out = new HostObject();
      Element root = Jsoup.parse(str(a, 0) == null ? "" : str(a, 0), "", Parser.xmlParser());
      children(root, out);
      return out;
    });
    def("jsonToCsv", null, a -> csv(arg(a, 0), arg(a, 1) instanceof Map<?, ?> m ? m : Map.of()));
  }

  @SuppressWarnings("unchecked")
  private static void children(Element parent, Map<String, Object> out) {
    for (Node n : parent.childNodes()) {
      if (n instanceof CDataNode c) {
        add(out, "_cdata", c.text());
      } else if (n instanceof TextNode t) {
        if (!t.isBlank()) {
          add(out, "_text", t.getWholeText());
        }
      } else if (n instanceof Comment c) {
        add(out, "_comment", c.getData());
      } else if (n instanceof Element e) {
        Map<String, Object> child = new HostObject();
        if (e.attributesSize() > 0) {
          Map<String, Object> attrs = new HostObject();
          e.attributes().forEach(at -> attrs.put(at.getKey(), at.getValue()));
          child.put("_attributes", attrs);
        }
        children(e, child);
        add(out, e.tagName(), child);
      } else if (n instanceof org.jsoup.nodes.XmlDeclaration d) {
        Map<String, Object> attrs = new HostObject();
        d.attributes().forEach(at -> {
          if (!at.getKey().startsWith("#")) { // jsoup keeps the declaration's own name as "#declaration"
            attrs.put(at.getKey(), at.getValue());
          }
        });
        out.put("_declaration", attrs.isEmpty() ? new HostObject() : host("_attributes", attrs));
      }
    }
  }

  private static Map<String, Object> host(String key, Object value) {
    Map<String, Object> m = new HostObject();
    m.put(key, value);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> out, String key, Object value) {
    Object existing = out.get(key);
    if (existing == null) {
      out.put(key, value);
    } else if (existing instanceof List<?> l) {
      ((List<Object>) l).add(value);
    } else {
      List<Object> list = new ArrayList<>();
      list.add(existing);
      list.add(value);
      out.put(key, list);
    }
  }

  private static String csv(Object data, Map<?, ?> opts) {
    List<Object> rows = data instanceof List<?> l ? new ArrayList<>(l) : Lodash.castArray(data);
    String delimiter = opts.get("delimiter") instanceof String d ? d : ",";
    String eol = opts.get("eol") instanceof String e ? e : "\n";
    boolean header = !Boolean.FALSE.equals(opts.get("header"));
    List<String> fields = new ArrayList<>();
    if (opts.get("fields") instanceof List<?> f) {
      f.forEach(x -> fields.add(Js.string(x)));
    } else {
      LinkedHashSet<String> keys = new LinkedHashSet<>();
      rows.forEach(r -> {
        if (r instanceof Map<?, ?> m) {
          m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
      });
      fields.addAll(keys);
    }
    List<String> lines = new ArrayList<>();
    if (header) {
      lines.add(String.join(delimiter, fields.stream().map(DataFormats::quote).toList()));
    }
    for (Object r : rows) {
      List<String> cells = new ArrayList<>();
      for (String f : fields) {
        Object v = Lodash.get(r, f);
        cells.add(Js.isNil(v) ? "" : v instanceof String s ? quote(s) : v instanceof Number || v instanceof Boolean ? Js.string(v)
            : quote(Js.stringify(v, false, false)));
      }
      if (cells.stream().anyMatch(c -> !c.isEmpty()) || Boolean.TRUE.equals(opts.get("includeEmptyRows"))) {
        lines.add(String.join(delimiter, cells)); // json2csv drops empty rows by default
      }
    }
    return String.join(eol, lines);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
