package org.sparktune.space;

/**
 * The set of values one dimension of a search space can take.
 *
 * <p>A closed family: {@link FloatRange}, {@link IntRange} and {@link Categorical}. Log scale and
 * step are fields, not subclasses. Values are plain Java values: {@code Double} for a float
 * range, {@code Long} for an int range, and {@code String}, {@code Boolean}, {@code Long} or
 * {@code Double} for a categorical. Immutable and thread-safe.
 */
public sealed interface Distribution permits FloatRange, IntRange, Categorical {

  /** Whether {@code value} is one this distribution can produce. */
  boolean contains(Object value);
}
