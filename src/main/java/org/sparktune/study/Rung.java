package org.sparktune.study;

import java.time.Instant;
import java.util.List;

/**
 * What a trial reported at one rung of its schedule: the budget it ran at and what each fold
 * gave.
 *
 * @param rung the rung's index in the schedule, from 0
 * @param budget the data fraction it ran on, in (0, 1]
 * @param foldValues the metric of each fold, in fold order
 * @param value the objective at this rung: the mean of {@code foldValues}
 * @param start when the rung started running, or null
 * @param end when it reported, or null
 */
public record Rung(int rung, double budget, List<Double> foldValues, double value,
    Instant start, Instant end) {

  /** Copies the fold values so the record stays immutable. */
  public Rung {
    foldValues = List.copyOf(foldValues);
  }

  /** A rung whose value is the mean of its fold values. */
  public static Rung of(int rung, double budget, List<Double> foldValues, Instant start,
      Instant end) {
    double mean = foldValues.stream().mapToDouble(Double::doubleValue).average()
        .orElse(Double.NaN);
    return new Rung(rung, budget, foldValues, mean, start, end);
  }

  /** Wall-clock seconds from start to end, or NaN when either is unknown. */
  public double seconds() {
    return start == null || end == null ? Double.NaN
        : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
  }
}
