package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truto's {@code $jsToXml(object, options?)}: xml-js's compact {@code js2xml} (default {@code {compact: true, spaces: 4}}):
 * keys are elements (an array repeats its element, array items are named by index), {@code _attributes _text _cdata
 * _comment _declaration _instruction _doctype} as in {@code $xmlToJs}. As in Truto, an object the expression itself
 * built fails ("element.hasOwnProperty is not a function"): xml-js needs JS's Object prototype, which JSONata 2.2
 * objects lack; input objects and {@code $xmlToJs} results convert.
 */
final class JsToXml {
  private final String indent;
  private final boolean fullTagEmpty;

  private JsToXml(String indent, boolean fullTagEmpty) {
    this.indent = indent;
    this.fullTagEmpty = fullTagEmpty;
  }

  static String convert(Object js, Object options) {
    String indent = "    ";
    boolean fullTag = false;
    if (options != null) {
      ownKeys(options, "options");
      Map<?, ?> o = options instanceof Map<?, ?> m ? m : Map.of();
      if (o.get("compact") != Boolean.TRUE) {
        throw new IllegalArgumentException("only xml-js's compact form is available in Ferry");
      }
      Object spaces = o.get("spaces");
      indent = spaces instanceof Number n ? " ".repeat(Math.max(0, n.intValue())) : spaces instanceof String s ? s : "";
      fullTag = o.get("fullTagEmptyElement") == Boolean.TRUE;
    }
    return new JsToXml(indent, fullTag).elements(js, 0, true);
  }

  private String elements(Object element, int depth, boolean firstLine) {
    StringBuilder xml = new StringBuilder();
    boolean pushed = false;
    for (String key : ownKeys(element, "element")) {
      Object value = get(element, key);
      List<?> nodes = value instanceof List<?> l ? l : java.util.Collections.singletonList(value);
      for (Object node : nodes) {
        switch (key) {
          case "_declaration" -> xml.append("<?xml").append(attributes(get(node, "_attributes"))).append("?>");
          case "_instruction" -> xml.append(instruction(node));
          case "_attributes" -> {
          }
          case "_text" -> xml.append(text(node));
          case "_cdata" -> xml.append("<![CDATA[").append(Js.string(node).replaceFirst("\\]\\]>", "]]]]><![CDATA[>")).append("]]>");
          case "_doctype" -> xml.append(indentation(depth, firstLine)).append("<!DOCTYPE ").append(Js.string(node)).append('>');
          case "_comment" -> xml.append(indentation(depth, firstLine)).append("<!--").append(Js.string(node)).append("-->");
          default -> {
            boolean content = hasContent(node, false);
            xml.append(indentation(depth, firstLine)).append(element(node, key, depth, content));
          }
        }
        pushed |= !key.equals("_attributes");
        firstLine = firstLine && !pushed;
      }
    }
    return xml.toString();
  }

  private String element(Object element, String name, int depth, boolean indentClose) {
    if (Js.isNil(element) || "".equals(element)) {
      return fullTagEmpty ? "<" + name + "></" + name + ">" : "<" + name + "/>";
    }
    if (!(element instanceof Map<?, ?>) && !(element instanceof List<?>)) {
      return "<" + name + ">" + text(element) + "</" + name + ">";
    }
    StringBuilder xml = new StringBuilder("<").append(name);
    Object attrs = get(element, "_attributes");
    if (Js.truthy(attrs)) {
      xml.append(attributes(attrs));
    }
    boolean closing = hasContent(element, true) || attrs instanceof Map<?, ?> a && "preserve".equals(a.get("xml:space")) || fullTagEmpty;
    if (!closing) {
      return xml.append("/>").toString();
    }
    xml.append('>').append(elements(element, depth + 1, false));
    return xml.append(indentClose ? indentation(depth, false) : "").append("</").append(name).append('>').toString();
  }

  private boolean hasContent(Object element, boolean anyContent) {
    if (!(element instanceof Map<?, ?>) && !(element instanceof List<?>)) {
      return false;
    }
    for (String key : ownKeys(element, "element")) {
      switch (key) {
        case "_attributes" -> {
        }
        case "_text", "_cdata", "_instruction" -> {
          if (anyContent) {
            return true;
          }
        }
        default -> {
          return true;
        }
      }
    }
    return false;
  }

  private String instruction(Object node) {
    List<String> keys = ownKeys(node, "instruction");
    if (keys.isEmpty()) {
      return "<?undefined?>";
    }
    String name = keys.get(0);
    Object value = get(node, name);
    if (value instanceof Map<?, ?>) {
      return "<?" + name + attributes(get(value, "_attributes")) + "?>";
    }
    String v = Js.truthy(value) ? Js.string(value) : "";
    return "<?" + name + (v.isEmpty() ? "" : " " + v) + "?>";
  }

  private static String attributes(Object attributes) {
    StringBuilder sb = new StringBuilder();
    if (!(attributes instanceof Map<?, ?>)) {
      return "";
    }
    for (String key : ownKeys(attributes, "attributes")) {
      Object v = get(attributes, key);
      if (!Js.isNil(v)) {
        sb.append(' ').append(key).append("=\"").append(Js.string(v).replace("\"", "&quot;")).append('"');
      }
    }
    return sb.toString();
  }

  private static String text(Object value) {
    return Js.string(value).replace("&amp;", "&").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private String indentation(int depth, boolean firstLine) {
    return (!firstLine && !indent.isEmpty() ? "\n" : "") + indent.repeat(depth);
  }

  /** {@code for (key in obj) if (obj.hasOwnProperty(key))}: array indices or object keys; an expression-built object has no hasOwnProperty. */
  private static List<String> ownKeys(Object obj, String variable) {
    List<String> keys = new ArrayList<>();
    if (obj instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        keys.add(String.valueOf(i));
      }
    } else if (obj instanceof Map<?, ?> m && !m.isEmpty()) {
      if (!(m instanceof HostObject) && !(m instanceof NativeObject)) {
        throw new IllegalArgumentException(variable + ".hasOwnProperty is not a function");
      }
      m.keySet().forEach(k -> keys.add(String.valueOf(k)));
    } else if (obj instanceof String s) {
      for (int i = 0; i < s.length(); i++) {
        keys.add(String.valueOf(i));
      }
    }
    return keys;
  }

  private static Object get(Object obj, String key) {
    if (obj instanceof List<?> l) {
      int i = key.matches("\\d{1,9}") ? Integer.parseInt(key) : Integer.MAX_VALUE;
      return i < l.size() ? l.get(i) : null;
    }
    if (obj instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (obj instanceof String s) {
      return String.valueOf(s.charAt(Integer.parseInt(key)));
    }
    return null;
  }
}
