package org.sparktune.space;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Normalises user values to the plain kinds dimensions hold: Double, Long, String, Boolean. */
public final class Values {

  private Values() {}

  /**
   * Widens {@code Integer}, {@code Short}, {@code Byte} to {@code Long} and {@code Float} to
   * {@code Double}; returns other supported values as they are.
   *
   * @throws IllegalArgumentException for any other kind of value
   */
  public static Object plain(String name, Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Long || value instanceof Double || value instanceof String
        || value instanceof Boolean) {
      return value;
    }
    throw SpaceErrors.unsupportedValue(name, value);
  }

  /** A categorical of normalised values: non-empty, one kind, no repeats. */
  public static Categorical categorical(String name, Object... values) {
    if (values == null || values.length == 0) {
      throw SpaceErrors.emptyCategorical(name);
    }
    List<Object> out = new ArrayList<>();
    Class<?> kind = null;
    for (Object v : values) {
      Object p = plain(name, v);
      if (kind != null && p.getClass() != kind) {
        throw SpaceErrors.mixedCategorical(name, kind, p);
      }
      kind = p.getClass();
      out.add(p);
    }
    if (new LinkedHashSet<>(out).size() != out.size()) {
      throw SpaceErrors.repeatedCategorical(name, out);
    }
    return new Categorical(out);
  }

  /** The simple name of a value's kind as users read it: double, long, string, boolean. */
  static String kind(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName().toLowerCase();
  }
}
