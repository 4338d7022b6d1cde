package org.sparktune.space;

/**
 * Whole numbers in {@code [low, high]}, optionally on a log scale or every {@code step}.
 *
 * @param low smallest value
 * @param high largest value
 * @param log whether values are spread evenly in log space (then {@code low >= 1})
 * @param step spacing of allowed values from {@code low}, at least 1
 */
public record IntRange(long low, long high, boolean log, long step) implements Distribution {

  @Override
  public boolean contains(Object value) {
    if (!(value instanceof Long v)) {
      return false;
    }
    return v >= low && v <= high && (v - low) % step == 0;
  }

  /** Number of allowed values. */
  public long size() {
    return (high - low) / step + 1;
  }
}
