package org.sparktune.schedule;

import java.util.Collection;
import java.util.List;
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

  static IllegalArgumentException minFractionUnset(String scheduler) {
    return new IllegalArgumentException(scheduler + " needs minFraction, the data fraction of"
        + " its smallest rung; set it, e.g. setMinFraction(1.0 / 27) for rungs at 1/27, 1/9,"
        + " 1/3 and all of the data with η = 3 and maxFraction = 1.");
  }

  static IllegalArgumentException oneRung(String scheduler, double min, double max,
      double factor) {
    return new IllegalArgumentException(scheduler + " has a single rung: minFraction (" + min
        + ") times η (" + factor + ") passes maxFraction (" + max + "), so no trial would ever"
        + " be stopped early; set minFraction to at most maxFraction / η = " + max / factor
        + ", or lower η.");
  }

  static IllegalArgumentException tooFewForRungs(String scheduler, long trialLimit,
      double factor) {
    return new IllegalArgumentException(scheduler + " has " + trialLimit + " trials (the fewer"
        + " of maxTrials and what the sampler can propose), too few to keep the top 1/η (η = "
        + factor + ") of a rung and run it on more data; allow at least " + (long) Math.ceil(
            factor) + " trials, e.g. setMaxTrials(27) for rungs at 1/27, 1/9, 1/3 and all of"
        + " the data, or use FullBudget.");
  }

  static IllegalArgumentException iterationOverTrials(long perIteration, List<Long> brackets,
      int maxTrials) {
    return new IllegalArgumentException("hyperband runs " + perIteration + " trials per"
        + " iteration (brackets of " + brackets + " candidates) but the search allows"
        + " maxTrials = " + maxTrials + "; set maxTrials to at least " + perIteration
        + ", or raise minFraction for fewer, smaller brackets.");
  }

  static IllegalArgumentException iterationOverCapacity(long perIteration, List<Long> brackets,
      long capacity) {
    return new IllegalArgumentException("hyperband runs " + perIteration + " trials per"
        + " iteration (brackets of " + brackets + " candidates) but the sampler can propose"
        + " only " + capacity + " (a grid of " + capacity + " points); raise minFraction for"
        + " fewer, smaller brackets, or use a sampler that proposes more (random, qmc, tpe,"
        + " gp).");
  }

  static int minTrials(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("medianStopping minTrials is " + value + "; the"
          + " median rule compares a trial with the results of at least 1 other trial at its"
          + " rung, so it must be at least 1: 5 is the usual choice.");
    }
    return value;
  }

  static double threshold(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("thresholdStopping threshold is " + value + "; it"
          + " must be a finite loss (the metric when the study minimizes, minus the metric when"
          + " it maximizes), e.g. -0.6 to stop trials whose AUC falls below 0.6.");
    }
    return value;
  }

  static IllegalArgumentException thresholdUnset() {
    return new IllegalArgumentException("thresholdStopping needs a threshold, the loss past"
        + " which a trial stops; set it with setThreshold, e.g. -0.6 to stop trials whose AUC"
        + " falls below 0.6 (losses are the metric, or minus the metric when the study"
        + " maximizes).");
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
    return unknown("scheduler", "schedulers", name, known);
  }

  static IllegalArgumentException unknownOption(String scheduler, String key,
      Collection<String> known) {
    return noSuchOption("scheduler", scheduler, key, known);
  }

  static IllegalArgumentException badOption(String scheduler, String key, Object value,
      String expected) {
    return badValue("scheduler", scheduler, key, value, expected);
  }

  static IllegalArgumentException iterationsParamBlank() {
    return new IllegalArgumentException("iterations needs the name of an integer param of the"
        + " estimator to scale per rung; give it, e.g. new Iterations(\"maxIter\", 81) or"
        + " new Iterations(\"numTrees\", 200).");
  }

  static IllegalArgumentException iterationsMaxBelowOne(String param, int maxValue) {
    return new IllegalArgumentException("iterations maxValue of '" + param + "' is " + maxValue
        + "; it is the value a full-budget rung and the refit run with, so it must be at least"
        + " 1: set it to the " + param + " you would train with, e.g. 100.");
  }

  static IllegalArgumentException iterationsMinOutside(String param, int minValue,
      int maxValue) {
    return new IllegalArgumentException("iterations minValue of '" + param + "' is " + minValue
        + "; it must lie in [1, maxValue = " + maxValue + "]: lower it, or leave it out for 1.");
  }

  static IllegalArgumentException unknownFidelity(String name, Collection<String> known) {
    return unknown("fidelity", "fidelities", name, known);
  }

  static IllegalArgumentException unknownFidelityOption(String fidelity, String key,
      Collection<String> known) {
    return noSuchOption("fidelity", fidelity, key, known);
  }

  static IllegalArgumentException badFidelityOption(String fidelity, String key, Object value,
      String expected) {
    return badValue("fidelity", fidelity, key, value, expected);
  }

  /** A name that no part of {@code kind} (a scheduler, a fidelity) has, from JSON or a config. */
  private static IllegalArgumentException unknown(String kind, String plural, String name,
      Collection<String> known) {
    return new IllegalArgumentException("unknown " + kind + " '" + name + "'; the " + plural
        + " are " + new TreeSet<>(known) + ".");
  }

  private static IllegalArgumentException noSuchOption(String kind, String name, String key,
      Collection<String> known) {
    return new IllegalArgumentException(kind + " '" + name + "' has no option '" + key
        + "'; its options are " + new TreeSet<>(known) + ".");
  }

  private static IllegalArgumentException badValue(String kind, String name, String key,
      Object value, String expected) {
    return new IllegalArgumentException(kind + " '" + name + "' option '" + key + "' is "
        + value + "; it must be " + expected + ".");
  }
}
