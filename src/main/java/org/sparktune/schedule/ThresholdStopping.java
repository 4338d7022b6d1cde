package org.sparktune.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed threshold over data fractions (Optuna's {@code ThresholdPruner}): every trial runs
 * rung after rung, and stops after a rung at which its loss is worse than a given value.
 *
 * <pre>{@code
 * // a study that maximizes AUC: stop a trial whose AUC falls below 0.6 at 1/9 or 1/3 of the data
 * tuner.setScheduler(new ThresholdStopping().setMinFraction(1.0 / 9).setThreshold(-0.6));
 * }</pre>
 *
 * <p>The rungs and their order are those of {@link MedianStopping}; after a report below the
 * top rung, a trial is PRUNED when its loss is strictly above {@link #setThreshold}, and runs
 * the next rung otherwise. The threshold is a loss, as a scheduler sees it (see {@link
 * RungReport}): the metric when the study minimizes, minus the metric when it maximizes. The
 * rule reads one trial's report only, so the decisions depend on the losses alone at any
 * parallelism. The sampler models the highest rung with at least {@link #setModelMinReports}
 * reports (see {@link #observedRung(SchedulerView)}). {@link #candidates} gives {@code
 * trialLimit} at every rung, an upper bound. Immutable once configured; thread-safe.
 */
public final class ThresholdStopping implements Scheduler {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "thresholdStopping";

  private final Ladder ladder = new Ladder(NAME);
  private double threshold = Double.NaN;

  /** Sets the data fraction of rung 0, in (0, 1); required. */
  public ThresholdStopping setMinFraction(double value) {
    ladder.setMinFraction(value);
    return this;
  }

  /** Sets the largest data fraction a rung may use, in (0, 1] (default 1). */
  public ThresholdStopping setMaxFraction(double value) {
    ladder.setMaxFraction(value);
    return this;
  }

  /** Sets η, the factor between the data fractions of consecutive rungs (3). */
  public ThresholdStopping setReductionFactor(double value) {
    ladder.setReductionFactor(value);
    return this;
  }

  /** Sets the loss above which a trial stops; finite, required. */
  public ThresholdStopping setThreshold(double value) {
    threshold = ScheduleErrors.threshold(value);
    return this;
  }

  /** Sets how many reports a rung needs before the sampler models it (default 10). */
  public ThresholdStopping setModelMinReports(long value) {
    ladder.setModelMinReports(value);
    return this;
  }

  public double getMinFraction() {
    return ladder.minFraction();
  }

  public double getMaxFraction() {
    return ladder.maxFraction();
  }

  public double getReductionFactor() {
    return ladder.reductionFactor();
  }

  /** The threshold, or NaN while unset. */
  public double getThreshold() {
    return threshold;
  }

  public long getModelMinReports() {
    return ladder.modelMinReports();
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return ladder.up();
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    return Collections.nCopies(steps() + 1, trialLimit);
  }

  @Override
  public void validate(int maxTrials, long samplerCapacity) {
    steps();
    if (Double.isNaN(threshold)) {
      throw ScheduleErrors.thresholdUnset();
    }
  }

  @Override
  public Decision next(SchedulerView view) {
    if (Double.isNaN(threshold)) {
      throw ScheduleErrors.thresholdUnset();
    }
    return RungByRung.next(view, budgets(view.trialLimit()),
        (trial, report, v) -> report.loss() > threshold);
  }

  /** Rung 0, the sampler's rung for a loop that does not pass the study's progress. */
  @Override
  public int observedRung() {
    return 0;
  }

  /**
   * BOHB's rule (Falkner, Klein and Hutter 2018): the highest rung at which at least {@link
   * #setModelMinReports} trials of the view reported a finite loss, or rung 0.
   */
  @Override
  public int observedRung(SchedulerView view) {
    return ladder.modelRung(view);
  }

  private int steps() {
    return ladder.steps();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    ladder.putFractions(config);
    if (!Double.isNaN(threshold)) {
      config.put("threshold", threshold);
    }
    config.put("modelMinReports", ladder.modelMinReports());
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThresholdStopping t && t.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "ThresholdStopping" + config();
  }
}
