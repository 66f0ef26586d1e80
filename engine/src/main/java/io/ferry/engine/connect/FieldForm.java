package io.ferry.engine.connect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a credential's {@code fields} ask for: rendered with labels, help and errors, and checked on the server
 * (the page works without JavaScript, and the browser's own checks are off so every customer gets the same messages).
 * Submitted values arrive as {@code field.<name>}.
 */
final class FieldForm {
  static final String PREFIX = "field.";
  private static final int MAX_LENGTH = 8192;

  private FieldForm() {
  }

  static List<JsonObject> fields(JsonObject credential) {
    JsonArray a = credential != null && credential.getValue("config") instanceof JsonObject cfg
        && cfg.getValue("fields") instanceof JsonArray f ? f : new JsonArray();
    return a.stream().filter(o -> o instanceof JsonObject j && j.getString("name") != null).map(o -> (JsonObject) o).toList();
  }

  static String label(JsonObject field) {
    String label = field.getString("label");
    return label == null || label.isBlank() ? field.getString("name") : label;
  }

  /** Field name → message, in field order; empty when every value is acceptable. */
  static Map<String, String> check(List<JsonObject> fields, Map<String, String> params) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (JsonObject f : fields) {
      String name = f.getString("name");
      String v = params.get(PREFIX + name);
      String label = label(f);
      if (v == null || v.isBlank()) {
        if (f.getBoolean("required", false)) {
          errors.put(name, label + " is required.");
        }
        continue;
      }
      String type = f.getString("type", "text");
      if (v.length() > MAX_LENGTH) {
        errors.put(name, label + " is too long.");
      } else if ("number".equals(type) && !v.trim().matches("-?\\d+(\\.\\d+)?")) {
        errors.put(name, label + " must be a number.");
      } else if ("email".equals(type) && !v.trim().matches("[^@\\s]+@[^@\\s]+")) {
        errors.put(name, label + " must be an email address.");
      } else if ("url".equals(type) && !isHttpUrl(v.trim())) {
        errors.put(name, label + " must be a web address starting with https://.");
      } else if ("single_select".equals(type) && !options(f).containsKey(v)) {
        errors.put(name, "Choose one of the listed values for " + label + ".");
      }
    }
    return errors;
  }

  /** The submitted values as context entries (numbers as numbers); blanks are left out. */
  static JsonObject values(List<JsonObject> fields, Map<String, String> params) {
    JsonObject out = new JsonObject();
    for (JsonObject f : fields) {
      String v = params.get(PREFIX + f.getString("name"));
      if (v != null && !v.isBlank()) {
        String value = "password".equals(f.getString("type")) ? v : v.trim();
        out.put(f.getString("name"), "number".equals(f.getString("type")) ? number(value) : value);
      }
    }
    return out;
  }

  /** Whole numbers stay integers, so a port or an id renders in a URL as typed. */
  private static Object number(String value) {
    try {
      return value.contains(".") ? (Object) Double.valueOf(value) : (Object) Long.valueOf(value);
    } catch (NumberFormatException tooLong) {
      return Double.valueOf(value);
    }
  }

  static String render(List<JsonObject> fields, Map<String, String> params, Map<String, String> errors) {
    StringBuilder sb = new StringBuilder();
    for (JsonObject f : fields) {
      String name = f.getString("name");
      String id = "f-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
      String type = f.getString("type", "text");
      boolean required = f.getBoolean("required", false);
      String error = errors.get(name);
      String help = f.getString("help_text", f.getString("description"));
      StringBuilder describedBy = new StringBuilder();
      sb.append("<div class=\"field").append(error != null ? " invalid" : "").append("\">")
          .append("<label for=\"").append(id).append("\">").append(Html.esc(label(f)))
          .append(required ? " <span class=\"req\">(required)</span>" : " <span class=\"opt\">(optional)</span>").append("</label>");
      if (help != null) {
        sb.append("<p class=\"help\" id=\"").append(id).append("-help\">").append(Html.esc(help)).append("</p>");
        describedBy.append(id).append("-help ");
      }
      if (error != null) {
        sb.append("<p class=\"error\" id=\"").append(id).append("-error\">").append(Html.esc(error)).append("</p>");
        describedBy.append(id).append("-error");
      }
      String attrs = " id=\"" + id + "\" name=\"" + Html.esc(PREFIX + name) + "\""
          + (required ? " required aria-required=\"true\"" : "") + (error != null ? " aria-invalid=\"true\"" : "")
          + (describedBy.length() > 0 ? " aria-describedby=\"" + describedBy.toString().trim() + "\"" : "");
      // a secret is never sent back to the browser, not even after a failed submit
      String value = "password".equals(type) ? "" : params.getOrDefault(PREFIX + name, "");
      if ("single_select".equals(type)) {
        sb.append("<select").append(attrs).append("><option value=\"\">Choose…</option>");
        options(f).forEach((v, l) -> sb.append("<option value=\"").append(Html.esc(v)).append("\"")
            .append(v.equals(value) ? " selected" : "").append(">").append(Html.esc(l)).append("</option>"));
        sb.append("</select>");
      } else {
        String inputType = switch (type) {
          case "password" -> "password";
          case "email" -> "email";
          case "url" -> "url";
          default -> "text";
        };
        sb.append("<input type=\"").append(inputType).append("\"").append(attrs).append(" value=\"").append(Html.esc(value))
            .append("\" autocomplete=\"off\" spellcheck=\"false\"")
            .append(f.getString("placeholder") != null ? " placeholder=\"" + Html.esc(f.getString("placeholder")) + "\"" : "")
            .append(">");
      }
      sb.append("</div>");
    }
    return sb.toString();
  }

  private static Map<String, String> options(JsonObject f) {
    Map<String, String> out = new LinkedHashMap<>();
    if (f.getValue("options") instanceof JsonArray a) {
      a.forEach(o -> {
        if (o instanceof JsonObject j && j.getValue("value") != null) {
          out.put(String.valueOf(j.getValue("value")), j.getString("label", String.valueOf(j.getValue("value"))));
        } else if (o != null) {
          out.put(String.valueOf(o), String.valueOf(o));
        }
      });
    }
    return out;
  }

  private static boolean isHttpUrl(String v) {
    try {
      URI u = URI.create(v);
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
