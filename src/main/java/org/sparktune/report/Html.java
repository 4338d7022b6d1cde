package org.sparktune.report;

/**
 * Escaping of user text (study names, parameter names and values, errors) for each place it
 * lands in the page: HTML text and attributes, JSON inside a script element, and labels that
 * Plotly renders (Plotly reads a few HTML tags in labels, so a name like {@code <b>} is shown
 * as written only when escaped).
 */
final class Html {

  private Html() {}

  /** {@code s} as HTML text or a quoted attribute value; null as the empty string. */
  static String text(Object s) {
    if (s == null) {
      return "";
    }
    String in = s.toString();
    StringBuilder out = new StringBuilder(in.length() + 16);
    for (int i = 0; i < in.length(); i++) {
      char c = in.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON text made safe inside a {@code <script>} element: no {@code <}, {@code >} or {@code &}
   * is left (JSON only has them inside strings, where the unicode escapes mean the same), so
   * no {@code </script>} or {@code <!--} can end or change the element.
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** {@code s} as a Plotly label: its pseudo-HTML tags and entities shown as written. */
  static String plotText(Object s) {
    if (s == null) {
      return "";
    }
    return s.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
