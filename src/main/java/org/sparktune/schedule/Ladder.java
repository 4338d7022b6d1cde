package org.sparktune.schedule;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The ladder of data fractions the schedulers with rungs share ({@link Hyperband}, {@link Asha},
 * {@link MedianStopping}, {@link ThresholdStopping}): the smallest and largest fraction, the
 * factor η between consecutive rungs, and how many reports a rung needs before a sampler models
 * it. Each setting is checked as it is set, with a message naming the scheduler.
 */
final class Ladder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String scheduler;
  private double minFraction;
  private double maxFraction = 1;
  private double reductionFactor = 3;
  private long modelMinReports = 10;

  /** @param scheduler the name messages give, e.g. "hyperband" */
  Ladder(String scheduler) {
    this.scheduler = scheduler;
  }

  void setMinFraction(double value) {
    minFraction = ScheduleErrors.fraction(scheduler, "minFraction", value);
  }

  void setMaxFraction(double value) {
    maxFraction = ScheduleErrors.fraction(scheduler, "maxFraction", value);
  }

  void setReductionFactor(double value) {
    reductionFactor = ScheduleErrors.reductionFactor(scheduler, value);
  }

  void setModelMinReports(long value) {
    modelMinReports = ScheduleErrors.atLeast(scheduler, "modelMinReports", value, 1);
  }

  double minFraction() {
    return minFraction;
  }

  double maxFraction() {
    return maxFraction;
  }

  double reductionFactor() {
    return reductionFactor;
  }

  long modelMinReports() {
    return modelMinReports;
  }

  /** How many times η fits between the fractions; throws, naming the fix, when it cannot run. */
  int steps() {
    return Rungs.steps(scheduler, minFraction, maxFraction, reductionFactor);
  }

  /** The rungs from {@code minFraction} up by η. */
  List<Budget> up() {
    return Rungs.up(minFraction, maxFraction, reductionFactor, steps());
  }

  /** The rungs from {@code maxFraction} down by η. */
  List<Budget> down() {
    return Rungs.down(maxFraction, reductionFactor, steps());
  }

  /** The rung a sampler models: BOHB's rule over {@link #steps} + 1 rungs. */
  int modelRung(SchedulerView view) {
    return Rungs.modelRung(view, steps() + 1, modelMinReports);
  }

  /** Puts the fractions and η in {@code config}, the smallest only once it is set. */
  void putFractions(Map<String, Object> config) {
    if (minFraction > 0) {
      config.put("minFraction", minFraction);
    }
    config.put("maxFraction", maxFraction);
    config.put("reductionFactor", reductionFactor);
  }
}
