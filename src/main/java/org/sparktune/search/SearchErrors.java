package org.sparktune.search;

import java.util.Collection;

/** The bad-input messages of samplers: what is wrong, why, and how to fix it. */
final class SearchErrors {

  private SearchErrors() {}

  static int checkGridPoints(String name, int points) {
    if (points < 2) {
      throw new IllegalArgumentException("GridSampler grid points for " + name + " is " + points
          + "; a grid needs at least 2 points from low to high: give 2 or more, or use"
          + " fixed(...) for one value.");
    }
    return points;
  }

  static IllegalArgumentException gridPointsMissing(String name, boolean log) {
    return new IllegalArgumentException("GridSampler cannot enumerate continuous dimension '"
        + name + "'" + (log ? " (log-scaled)" : "") + "; give it a number of grid points with"
        + " new GridSampler().setGridPoints(\"" + name + "\", 5), list its values with"
        + " categorical(...), or use RandomSampler.");
  }

  static IllegalArgumentException tooManyIntValues(String name, long size, long max) {
    return new IllegalArgumentException("GridSampler would enumerate " + size
        + " values of int dimension '" + name + "' (at most " + max + " without a count); give"
        + " it a number of grid points with setGridPoints(\"" + name + "\", n) or use a step.");
  }

  static IllegalStateException gridExhausted(int number, long capacity) {
    return new IllegalStateException("GridSampler has " + capacity + " combinations and was"
        + " asked for trial " + number + "; a study stops at the grid's size.");
  }

  static IllegalArgumentException gridTooLarge(int max) {
    return new IllegalArgumentException("GridSampler: the conditional grid has more than " + max
        + " combinations; set fewer grid points, or use RandomSampler, QmcSampler or"
        + " TpeSampler for a space this large.");
  }

  static int checkAtLeast(String sampler, String option, int value, int min) {
    if (value < min) {
      throw badOption(sampler, option, value, "at least " + min);
    }
    return value;
  }

  static double checkOpenUnit(String sampler, String option, double value) {
    if (!(value > 0 && value < 1)) {
      throw badOption(sampler, option, value, "strictly between 0 and 1");
    }
    return value;
  }

  static double checkPositive(String sampler, String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw badOption(sampler, option, value, "a finite number above 0");
    }
    return value;
  }

  static IllegalArgumentException unknownSampler(String name, Collection<String> known) {
    return new IllegalArgumentException("unknown sampler '" + name + "'; the samplers are "
        + known + ".");
  }

  static IllegalArgumentException unknownOption(String sampler, String key,
      Collection<String> known) {
    return new IllegalArgumentException("sampler '" + sampler + "' has no option '" + key
        + "'; its options are " + new java.util.TreeSet<>(known) + ".");
  }

  static IllegalArgumentException badOption(String sampler, String key, Object value,
      String expected) {
    return new IllegalArgumentException("sampler '" + sampler + "' option '" + key + "' is "
        + value + "; it must be " + expected + ".");
  }
}
