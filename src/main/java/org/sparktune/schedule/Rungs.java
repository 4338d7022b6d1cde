package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What the schedulers with rungs of growing data fractions share: the fractions, the ranking of
 * a rung's results, and the rung a sampler models.
 */
final class Rungs {

  private Rungs() {}

  /**
   * The number of steps of η between {@code min} and {@code max}, floored as {@link
   * HalvingSchedule} floors it; fails naming the fix when {@code min} is unset, not below
   * {@code max}, or leaves a single rung.
   */
  static int steps(String scheduler, double min, double max, double factor) {
    if (min <= 0) {
      throw ScheduleErrors.minFractionUnset(scheduler);
    }
    if (min >= max) {
      throw ScheduleErrors.minNotBelowMax(scheduler, min, max);
    }
    int steps = HalvingSchedule.steps(min, max, factor, false);
    if (steps < 1) {
      throw ScheduleErrors.oneRung(scheduler, min, max, factor);
    }
    return steps;
  }

  /**
   * Rungs {@code 0 .. steps} at {@code min × η^k}; a fraction within a relative 1e-9 of {@code
   * max} is {@code max}, so {@code 1/27 × 27} is all the data.
   */
  static List<Budget> up(double min, double max, double factor, int steps) {
    List<Budget> out = new ArrayList<>();
    for (int k = 0; k <= steps; k++) {
      double fraction = min * Math.pow(factor, k);
      out.add(new Budget(k, fraction > max * (1 - 1e-9) ? max : fraction));
    }
    return out;
  }

  /** Rungs {@code 0 .. steps} at {@code max / η^(steps - k)}: the top rung is {@code max}. */
  static List<Budget> down(double max, double factor, int steps) {
    List<Budget> out = new ArrayList<>();
    for (int k = 0; k <= steps; k++) {
      out.add(new Budget(k, max / Math.pow(factor, steps - k)));
    }
    return out;
  }

  /**
   * The trials with a finite loss at {@code rung}, whatever their status, smallest loss first
   * and ties to the lower trial number.
   */
  static List<TrialProgress> ranked(Collection<TrialProgress> trials, int rung) {
    List<TrialProgress> out = new ArrayList<>();
    for (TrialProgress t : trials) {
      if (t.report(rung).isPresent() && Double.isFinite(t.report(rung).get().loss())) {
        out.add(t);
      }
    }
    out.sort(Comparator.comparingDouble((TrialProgress t) -> t.report(rung).get().loss())
        .thenComparingInt(TrialProgress::number));
    return out;
  }

  /** The highest rung {@code trial} reported at, or -1 before its first report. */
  static int lastRung(TrialProgress trial) {
    int last = -1;
    for (RungReport r : trial.reports()) {
      last = Math.max(last, r.rung());
    }
    return last;
  }

  /**
   * BOHB's choice: the highest of rungs {@code 0 .. rungs - 1} at which at least {@code
   * minReports} trials of the view reported a finite loss, or rung 0 when none has that many.
   */
  static int modelRung(SchedulerView view, int rungs, long minReports) {
    for (int k = rungs - 1; k > 0; k--) {
      long count = 0;
      for (TrialProgress t : view.trials()) {
        if (t.report(k).isPresent() && Double.isFinite(t.report(k).get().loss())) {
          count++;
        }
      }
      if (count >= minReports) {
        return k;
      }
    }
    return 0;
  }
}
