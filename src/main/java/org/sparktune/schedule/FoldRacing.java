package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The racing rule over folds: after a trial has run some folds of a rung, whether its mean over
 * all the rung's folds can still reach the top of the trials that completed the rung. Plain
 * Java, in losses (smaller is better); a pure function of its arguments.
 *
 * <p>With {@code k} folds, let the reference be the {@code m} trials whose full result at this
 * rung the racing trial may see (each one's loss on every fold), and let {@code best_i} be the
 * smallest loss any of them reported on fold {@code i}. After the racing trial has seen losses
 * {@code S} on some folds, its best attainable mean is {@code (ΣS + Σ_{unseen i} best_i) / k}:
 * what it would score if it matched the best reference trial on every fold it has not run. The
 * threshold is the mean loss of the {@code ⌈m/η⌉}-th best reference trial (η the scheduler's
 * reduction factor; {@value #DEFAULT_REDUCTION_FACTOR} for schedulers without one). The trial
 * stops when its best attainable mean is above the threshold by more than rounding ({@value
 * #TOLERANCE} × max(1, |threshold|)): it could not be among
 * the top {@code 1/η} of the rung's trials even if every remaining fold went its way. Racing
 * only starts once {@code m ≥ ⌈η⌉ + 1} (see {@link #minTrials}), so that the threshold is
 * never the single best trial's mean.
 */
public final class FoldRacing {

  /** The reduction factor η of a scheduler that has none (full budget). */
  public static final double DEFAULT_REDUCTION_FACTOR = 3;

  /** How far above the threshold, relative, an attainable mean must be to stop a trial. */
  public static final double TOLERANCE = 1e-9;

  private FoldRacing() {}

  /**
   * What the rule decided.
   *
   * @param stop whether the trial stops
   * @param attainable its best attainable mean loss
   * @param threshold the mean loss of the {@code rank}-th best reference trial
   * @param rank {@code ⌈m/η⌉}
   * @param trials {@code m}, the reference trials
   */
  public record Verdict(boolean stop, double attainable, double threshold, int rank,
      int trials) {}

  /** The reduction factor η of {@code scheduler}: its {@code reductionFactor} option, or 3. */
  public static double reductionFactor(Scheduler scheduler) {
    Object eta = scheduler.config().get("reductionFactor");
    return eta instanceof Number n ? n.doubleValue() : DEFAULT_REDUCTION_FACTOR;
  }

  /** The fewest reference trials racing starts with: {@code ⌈η⌉ + 1}. */
  public static int minTrials(double eta) {
    return (int) Math.ceil(eta) + 1;
  }

  /**
   * Judges a trial that has seen losses {@code seen} (fold index to loss) of a rung of {@code
   * folds} folds against {@code reference} (each trial's losses on every fold, in fold order);
   * empty while the reference holds fewer than {@link #minTrials} trials.
   */
  public static Optional<Verdict> judge(int folds, double eta, List<List<Double>> reference,
      Map<Integer, Double> seen) {
    int m = reference.size();
    if (m < minTrials(eta)) {
      return Optional.empty();
    }
    double total = 0;
    for (int i = 0; i < folds; i++) {
      Double own = seen.get(i);
      total += own != null ? own : bestOnFold(reference, i);
    }
    double attainable = total / folds;
    List<Double> means = new ArrayList<>();
    for (List<Double> r : reference) {
      means.add(r.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    }
    Collections.sort(means);
    int rank = (int) Math.ceil(m / eta);
    double threshold = means.get(rank - 1);
    boolean stop = attainable - threshold > TOLERANCE * Math.max(1, Math.abs(threshold));
    return Optional.of(new Verdict(stop, attainable, threshold, rank, m));
  }

  private static double bestOnFold(List<List<Double>> reference, int fold) {
    double best = Double.POSITIVE_INFINITY;
    for (List<Double> r : reference) {
      best = Math.min(best, r.get(fold));
    }
    return best;
  }
}
