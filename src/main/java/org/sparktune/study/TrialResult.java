package org.sparktune.study;

import java.util.List;

/**
 * What running a trial produced, as told to a study.
 *
 * @param state COMPLETE, PRUNED or FAILED
 * @param value the objective, NaN when there is none
 * @param foldMetrics the metric of each fold evaluated, in order
 * @param error why the trial failed, or null
 */
public record TrialResult(TrialState state, double value, List<Double> foldMetrics,
    String error) {

  /** Validates the state and copies the list. */
  public TrialResult {
    if (state == null || state == TrialState.RUNNING) {
      throw new IllegalArgumentException("a trial result needs a finished state (COMPLETE,"
          + " PRUNED or FAILED) but got " + state + ".");
    }
    if (state == TrialState.COMPLETE && Double.isNaN(value)) {
      throw new IllegalArgumentException("a COMPLETE trial needs a value but got NaN; tell it"
          + " as FAILED with the reason instead.");
    }
    foldMetrics = List.copyOf(foldMetrics);
  }

  /** A finished trial whose value is the mean of {@code foldMetrics}. */
  public static TrialResult complete(List<Double> foldMetrics) {
    double mean = foldMetrics.stream().mapToDouble(Double::doubleValue).average()
        .orElse(Double.NaN);
    return new TrialResult(TrialState.COMPLETE, mean, foldMetrics, null);
  }

  /** A finished trial with the single value {@code value}. */
  public static TrialResult complete(double value) {
    return new TrialResult(TrialState.COMPLETE, value, List.of(value), null);
  }

  /** A failed trial and its reason. */
  public static TrialResult failed(String error) {
    return new TrialResult(TrialState.FAILED, Double.NaN, List.of(), error);
  }
}
