package org.sparktune.search;

import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;

/**
 * Maps each dimension to and from the unit interval: log dimensions in log space, integers and
 * categories as equal bins. Random, quasi-random and model-based samplers all search the unit
 * cube and decode through here, so every sampler treats a dimension alike.
 */
public final class UnitScale {

  private UnitScale() {}

  /** The value of {@code dimension} at position {@code u} in [0, 1]. */
  public static Object fromUnit(Dimension dimension, double u) {
    double t = Math.min(1.0, Math.max(0.0, u));
    if (dimension.distribution() instanceof FloatRange r) {
      return floatAt(r, t);
    }
    if (dimension.distribution() instanceof IntRange r) {
      return intAt(r, t);
    }
    Categorical c = (Categorical) dimension.distribution();
    int k = c.choices().size();
    return c.choices().get(Math.min(k - 1, (int) Math.floor(t * k)));
  }

  /** The position in [0, 1] of {@code value} of {@code dimension}: the inverse of fromUnit. */
  public static double toUnit(Dimension dimension, Object value) {
    if (dimension.distribution() instanceof FloatRange r) {
      double v = ((Number) value).doubleValue();
      return r.log()
          ? (Math.log(v) - Math.log(r.low())) / (Math.log(r.high()) - Math.log(r.low()))
          : (v - r.low()) / (r.high() - r.low());
    }
    if (dimension.distribution() instanceof IntRange r) {
      long v = ((Number) value).longValue();
      if (r.log()) {
        double lo = Math.log(r.low() - 0.5);
        return (Math.log(v) - lo) / (Math.log(r.high() + 0.5) - lo);
      }
      return ((v - r.low()) / r.step() + 0.5) / r.size();
    }
    Categorical c = (Categorical) dimension.distribution();
    return (c.choices().indexOf(value) + 0.5) / c.choices().size();
  }

  private static Double floatAt(FloatRange r, double t) {
    if (r.log()) {
      double lo = Math.log(r.low());
      return clamp(Math.exp(lo + t * (Math.log(r.high()) - lo)), r.low(), r.high());
    }
    double v = r.low() + t * (r.high() - r.low());
    if (r.step() > 0) {
      long steps = (long) Math.floor((r.high() - r.low()) / r.step() + 1e-9);
      v = r.low() + Math.min(steps, Math.round((v - r.low()) / r.step())) * r.step();
    }
    return clamp(v, r.low(), r.high());
  }

  private static Long intAt(IntRange r, double t) {
    if (r.log()) {
      double lo = Math.log(r.low() - 0.5);
      long v = Math.round(Math.exp(lo + t * (Math.log(r.high() + 0.5) - lo)));
      return Math.max(r.low(), Math.min(r.high(), v));
    }
    long n = r.size();
    long index = Math.min(n - 1, (long) Math.floor(t * n));
    return r.low() + index * r.step();
  }

  private static double clamp(double v, double low, double high) {
    return Math.max(low, Math.min(high, v));
  }
}
