package io.ferry.engine.interpreter.jsonata;

import java.util.Locale;
import java.util.Map;

/** {@code $getMimeType}: the common file types (Truto uses the full mime database; rarer extensions answer null). */
final class MimeTypes {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("pdf", "application/pdf"), Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
      Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("doc", "application/msword"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xls", "application/vnd.ms-excel"), Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      Map.entry("ppt", "application/vnd.ms-powerpoint"), Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
      Map.entry("csv", "text/csv"), Map.entry("txt", "text/plain"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
      Map.entry("md", "text/markdown"), Map.entry("css", "text/css"), Map.entry("js", "text/javascript"), Map.entry("ics", "text/calendar"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("svg", "image/svg+xml"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"), Map.entry("ico", "image/vnd.microsoft.icon"),
      Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("heic", "image/heic"), Map.entry("mp3", "audio/mpeg"),
      Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
      Map.entry("webm", "video/webm"), Map.entry("avi", "video/x-msvideo"), Map.entry("rtf", "application/rtf"), Map.entry("eml", "message/rfc822"),
      Map.entry("odt", "application/vnd.oasis.opendocument.text"), Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
      Map.entry("7z", "application/x-7z-compressed"), Map.entry("tar", "application/x-tar"), Map.entry("yaml", "text/yaml"), Map.entry("yml", "text/yaml"),
      Map.entry("epub", "application/epub+zip"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"));

  private MimeTypes() {
  }

  static Object of(String path) {
    if (path == null) {
      return Js.NULL;
    }
    String last = path.replaceAll("^.*[/\\\\]", "").toLowerCase(Locale.ROOT);
    String ext = last.replaceAll("^.*\\.", "");
    boolean hasPath = last.length() < path.length();
    boolean hasDot = ext.length() < last.length() - 1;
    if (!hasDot && hasPath) {
      return Js.NULL;
    }
    String t = TYPES.get(ext);
    return t == null ? Js.NULL : t;
  }
}
