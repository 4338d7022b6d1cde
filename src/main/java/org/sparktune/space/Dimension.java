package org.sparktune.space;

/**
 * One named axis of a search space: what samplers see. Names only, no Spark types.
 *
 * @param name unique name within the space; the trial column of this parameter
 * @param distribution the values it can take
 * @param condition when the dimension applies, or null when it always does
 */
public record Dimension(String name, Distribution distribution, Condition condition) {

  /** A dimension that always applies. */
  public Dimension(String name, Distribution distribution) {
    this(name, distribution, null);
  }

  /** Validates the name and the distribution, naming this dimension in every message. */
  public Dimension {
    if (name == null || name.isBlank()) {
      throw SpaceErrors.emptyName();
    }
    if (distribution instanceof FloatRange r) {
      checkFloat(name, r);
    } else if (distribution instanceof IntRange r) {
      checkInt(name, r);
    } else if (distribution instanceof Categorical c && c.choices().isEmpty()) {
      throw SpaceErrors.emptyCategorical(name);
    }
  }

  private static void checkFloat(String name, FloatRange r) {
    if (r.low() > r.high()) {
      throw SpaceErrors.lowAboveHigh(name, r.low(), r.high());
    }
    if (r.low() == r.high()) {
      throw SpaceErrors.emptyFloatRange(name, r.low());
    }
    if (r.log() && r.low() <= 0) {
      throw SpaceErrors.logRangeNotPositive(name, r.low());
    }
    if (!(r.step() >= 0)) {
      throw SpaceErrors.badStep(name, r.step());
    }
    if (r.log() && r.step() > 0) {
      throw SpaceErrors.stepOnLogScale(name);
    }
  }

  private static void checkInt(String name, IntRange r) {
    if (r.low() > r.high()) {
      throw SpaceErrors.lowAboveHigh(name, r.low(), r.high());
    }
    if (r.log() && r.low() < 1) {
      throw SpaceErrors.logIntRangeBelowOne(name, r.low());
    }
    if (r.step() < 1) {
      throw SpaceErrors.badStep(name, r.step());
    }
    if (r.log() && r.step() != 1) {
      throw SpaceErrors.stepOnLogScale(name);
    }
  }

  /**
   * Whether the dimension applies to a point built in dependency order (parents first, as
   * {@link SearchSpace#dimensions()} lists them): always for an unconditional dimension.
   */
  public boolean isActive(java.util.Map<String, ?> point) {
    return condition == null || condition.holds(point);
  }

  /** Whether the dimension applies only under a condition. */
  public boolean isConditional() {
    return condition != null;
  }

  /** Whether {@code value} (already plain) lies in this dimension. */
  public boolean contains(Object value) {
    return distribution.contains(value);
  }
}
