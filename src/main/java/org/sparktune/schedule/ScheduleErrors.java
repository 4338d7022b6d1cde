package org.sparktune.schedule;

import java.util.Collection;
import java.util.TreeSet;

/** The bad-input messages of schedulers: what is wrong, why, and how to fix it. */
final class ScheduleErrors {

  private ScheduleErrors() {}

  static long atLeast(String scheduler, String option, long value, long min) {
    if (value < min) {
      throw badOption(scheduler, option, value, "at least " + min);
    }
    return value;
  }

  static double reductionFactor(String scheduler, double value) {
    if (!(value >= 2) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(scheduler + " reductionFactor (η) is " + value
          + "; it must be a finite number of at least 2 (each rung keeps 1/η of its candidates"
          + " and gives them η times the data): 3 is the usual choice.");
    }
    return value;
  }

  static double fraction(String scheduler, String option, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(scheduler + " " + option + " is " + value
          + "; a data fraction must lie in (0, 1], e.g. 1/27 = 0.037 for the first rung of"
          + " 27 candidates with η = 3.");
    }
    return value;
  }

  static IllegalArgumentException minNotBelowMax(String scheduler, double min, double max) {
    return new IllegalArgumentException(scheduler + " minFraction (" + min + ") must be below"
        + " maxFraction (" + max + "); lower minFraction, e.g. to maxFraction / 27, or raise"
        + " maxFraction.");
  }

  static IllegalArgumentException candidatesOverTrials(long candidates, int maxTrials) {
    return new IllegalArgumentException("successiveHalving wants " + candidates + " candidates"
        + " but the search allows maxTrials = " + maxTrials + "; set maxTrials to at least "
        + candidates + ", or fewer candidates (unset, they default to maxTrials).");
  }

  static IllegalArgumentException candidatesOverCapacity(long candidates, long capacity) {
    return new IllegalArgumentException("successiveHalving wants " + candidates + " candidates"
        + " but the sampler can propose only " + capacity + " (a grid of " + capacity
        + " points); set candidates to at most " + capacity + ", leave it unset to use the"
        + " grid's size, or use a sampler that proposes more (random, qmc, tpe, gp).");
  }

  static IllegalArgumentException unknownScheduler(String name, Collection<String> known) {
    return new IllegalArgumentException("unknown scheduler '" + name + "'; the schedulers are "
        + new TreeSet<>(known) + ".");
  }

  static IllegalArgumentException unknownOption(String scheduler, String key,
      Collection<String> known) {
    return new IllegalArgumentException("scheduler '" + scheduler + "' has no option '" + key
        + "'; its options are " + new TreeSet<>(known) + ".");
  }

  static IllegalArgumentException badOption(String scheduler, String key, Object value,
      String expected) {
    return new IllegalArgumentException("scheduler '" + scheduler + "' option '" + key + "' is "
        + value + "; it must be " + expected + ".");
  }
}
