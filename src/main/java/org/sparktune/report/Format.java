package org.sparktune.report;

import java.util.Locale;

/** Numbers as the page shows them: short, and the same in every locale. */
final class Format {

  private Format() {}

  /** {@code x} with up to 6 significant digits; NaN as an em dash. */
  static String number(double x) {
    if (Double.isNaN(x)) {
      return "\u2014";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    String s = String.format(Locale.ROOT, "%.6g", x);
    if (s.contains("e")) {
      return s.replaceFirst("\\.?0+e", "e");
    }
    return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
  }

  /** A parameter value: numbers by {@link #number}, others as text; null as an em dash. */
  static String value(Object v) {
    if (v == null) {
      return "\u2014";
    }
    if (v instanceof Double d) {
      return number(d);
    }
    return v.toString();
  }
}
