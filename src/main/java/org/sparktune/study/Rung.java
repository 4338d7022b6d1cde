package org.sparktune.study;

import java.time.Instant;
import java.util.List;

/**
 * What a trial reported at one rung of its schedule: the budget it ran at and what each fold
 * gave.
 *
 * <p>A partial rung is what a trial stopped by fold racing ran before it stopped: the values of
 * the folds it ran, kept in the record but not a result of the rung. {@link Trial#rung(int)},
 * samplers and schedulers do not see it.
 *
 * @param rung the rung's index in the schedule, from 0
 * @param budget the scheduler's budget fraction, in (0, 1]: the data fraction it ran on under
 *     the data-fraction fidelity, the fraction of the iteration param's largest value under
 *     the iterations fidelity
 * @param foldValues the metric of each fold it ran, in fold order
 * @param value the objective at this rung: the mean of {@code foldValues}
 * @param start when the rung started running, or null
 * @param end when it reported, or null
 * @param iterations the value the iterations fidelity set its param to, or null under the
 *     data-fraction fidelity
 * @param partial whether fold racing stopped it before every fold ran
 */
public record Rung(int rung, double budget, List<Double> foldValues, double value,
    Instant start, Instant end, Integer iterations, boolean partial) {

  /** Copies the fold values so the record stays immutable. */
  public Rung {
    foldValues = List.copyOf(foldValues);
  }

  /** A complete rung run under the data-fraction fidelity. */
  public Rung(int rung, double budget, List<Double> foldValues, double value, Instant start,
      Instant end) {
    this(rung, budget, foldValues, value, start, end, null, false);
  }

  /** A rung whose value is the mean of its fold values. */
  public static Rung of(int rung, double budget, List<Double> foldValues, Instant start,
      Instant end) {
    return of(rung, budget, foldValues, start, end, null, false);
  }

  /**
   * A rung whose value is the mean of its fold values, run with {@code iterations} (null under
   * the data-fraction fidelity), {@code partial} when fold racing stopped it.
   */
  public static Rung of(int rung, double budget, List<Double> foldValues, Instant start,
      Instant end, Integer iterations, boolean partial) {
    double mean = foldValues.stream().mapToDouble(Double::doubleValue).average()
        .orElse(Double.NaN);
    return new Rung(rung, budget, foldValues, mean, start, end, iterations, partial);
  }

  /** Wall-clock seconds from start to end, or NaN when either is unknown. */
  public double seconds() {
    return start == null || end == null ? Double.NaN
        : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
  }
}
