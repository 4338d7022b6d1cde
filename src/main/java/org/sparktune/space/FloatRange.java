package org.sparktune.space;

/**
 * Real values in {@code [low, high]}, optionally on a log scale or on a grid of {@code step}.
 *
 * @param low smallest value
 * @param high largest value
 * @param log whether values are spread evenly in log space (then {@code low > 0})
 * @param step spacing of allowed values from {@code low}, or 0 for a continuous range
 */
public record FloatRange(double low, double high, boolean log, double step)
    implements Distribution {

  /** Validates the bounds; messages name no dimension, {@link Dimension} adds that. */
  public FloatRange {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("bounds must be finite numbers but are ["
          + low + ", " + high + "]");
    }
  }

  @Override
  public boolean contains(Object value) {
    if (!(value instanceof Double d)) {
      return false;
    }
    return d >= low && d <= high;
  }
}
