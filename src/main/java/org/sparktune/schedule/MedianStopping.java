package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The median stopping rule over data fractions (Golovin, Solnik, Moitra, Kochanski, Karro and
 * Sculley, "Google Vizier: A Service for Black-Box Optimization", KDD 2017; Optuna's {@code
 * MedianPruner}): every trial runs rung after rung, and stops after a rung at which its loss is
 * worse than the median of the other trials' losses there.
 *
 * <pre>{@code
 * // rungs at 1/9, 1/3 and 1 of the data; judged once 5 other trials reported at a rung
 * tuner.setScheduler(new MedianStopping().setMinFraction(1.0 / 9)).setMaxTrials(40);
 * }</pre>
 *
 * <p>Rung {@code k} runs on {@code minFraction × η^k} up to {@code maxFraction}, as in {@link
 * Asha}. After trial {@code t} reports at rung {@code k} below the top, it is PRUNED there when
 * its number is at least {@link #setStartupTrials}, at least {@link #setMinTrials} other trials
 * (of any status) reported a finite loss at rung {@code k}, and its loss is strictly above
 * their median (the mean of the two middle losses when their number is even); otherwise it
 * runs rung {@code k + 1}. A trial that reports at the top rung is COMPLETE. Losses are
 * smaller-is-better, as in {@link RungReport}. Trials that go on run their next rung before any
 * new trial starts, lowest number first.
 *
 * <p>The rule reads the reports in the view each time it judges a trial, and a trial that waits
 * for a free slot is judged again at each call: at parallelism 1 the reports are the same on
 * every run, above it they depend on which trials have reported by then. The sampler models
 * the highest rung with at least {@link #setModelMinReports} reports (see {@link
 * #observedRung(SchedulerView)}). {@link #candidates} gives {@code trialLimit} at every rung,
 * an upper bound. Immutable once configured; thread-safe.
 */
public final class MedianStopping implements Scheduler {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "medianStopping";

  private final Ladder ladder = new Ladder(NAME);
  private int minTrials = 5;
  private long startupTrials;

  /** Sets the data fraction of rung 0, in (0, 1); required. */
  public MedianStopping setMinFraction(double value) {
    ladder.setMinFraction(value);
    return this;
  }

  /** Sets the largest data fraction a rung may use, in (0, 1] (default 1). */
  public MedianStopping setMaxFraction(double value) {
    ladder.setMaxFraction(value);
    return this;
  }

  /** Sets η, the factor between the data fractions of consecutive rungs (3). */
  public MedianStopping setReductionFactor(double value) {
    ladder.setReductionFactor(value);
    return this;
  }

  /** Sets how many other trials must have reported at a rung before it judges there (5). */
  public MedianStopping setMinTrials(int value) {
    minTrials = ScheduleErrors.minTrials(value);
    return this;
  }

  /** Sets how many trials, by number from 0, are never stopped (default 0). */
  public MedianStopping setStartupTrials(long value) {
    startupTrials = ScheduleErrors.atLeast(NAME, "startupTrials", value, 0);
    return this;
  }

  /** Sets how many reports a rung needs before the sampler models it (default 10). */
  public MedianStopping setModelMinReports(long value) {
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

  public int getMinTrials() {
    return minTrials;
  }

  public long getStartupTrials() {
    return startupTrials;
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
  }

  @Override
  public Decision next(SchedulerView view) {
    return RungByRung.next(view, budgets(view.trialLimit()), this::stops);
  }

  private boolean stops(TrialProgress trial, RungReport report, SchedulerView view) {
    if (trial.number() < startupTrials) {
      return false;
    }
    List<Double> others = new ArrayList<>();
    for (TrialProgress t : view.trials()) {
      if (t.number() != trial.number() && t.report(report.rung()).isPresent()) {
        double loss = t.report(report.rung()).get().loss();
        if (Double.isFinite(loss)) {
          others.add(loss);
        }
      }
    }
    return others.size() >= minTrials && report.loss() > median(others);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
    config.put("minTrials", (long) minTrials);
    config.put("startupTrials", startupTrials);
    config.put("modelMinReports", ladder.modelMinReports());
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MedianStopping m && m.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "MedianStopping" + config();
  }
}
