package org.sparktune.study;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One trial of a study: the parameters tried and, once told, what came of them. Immutable: a
 * study replaces a trial's record when it is told.
 *
 * @param number the trial's number in its study, from 0, in the order asked
 * @param params sampled values by dimension name (Double, Long, String, Boolean)
 * @param state where the trial stands
 * @param value the objective (mean validation metric), NaN unless COMPLETE
 * @param foldMetrics the metric of each fold, in fold order; empty until told
 * @param seed the trial's seed, derived from the study seed and the number
 * @param start when the trial was asked
 * @param end when it was told, or null while running
 * @param error why it failed, or null
 */
public record Trial(int number, Map<String, Object> params, TrialState state, double value,
    List<Double> foldMetrics, long seed, Instant start, Instant end, String error) {

  /** Copies the collections so the record stays immutable. */
  public Trial {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    foldMetrics = List.copyOf(foldMetrics);
  }

  /** This trial, told with {@code result} at {@code when}. */
  public Trial finish(TrialResult result, Instant when) {
    return new Trial(number, params, result.state(), result.value(), result.foldMetrics(), seed,
        start, when, result.error());
  }

  /** Standard deviation of the fold metrics (population), NaN with none. */
  public double foldStd() {
    if (foldMetrics.isEmpty()) {
      return Double.NaN;
    }
    double mean = foldMetrics.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = foldMetrics.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum();
    return Math.sqrt(ss / foldMetrics.size());
  }
}
