package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving over data fractions (Li, Jamieson, Rostamizadeh, Gonina,
 * Ben-tzur, Hardt, Recht and Talwalkar, "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020): a trial goes on to the next rung as soon as it is among the best
 * {@code 1/η} of those that reported at its rung so far, so no worker ever waits for a rung to
 * fill.
 *
 * <pre>{@code
 * // rungs at 1/27, 1/9, 1/3 and 1 of the data; 60 trials start at 1/27
 * tuner.setScheduler(new Asha().setMinFraction(1.0 / 27)).setMaxTrials(60);
 * }</pre>
 *
 * <p>Rung {@code k} runs on {@code minFraction × η^k}, for {@code k} from 0 to {@code K =
 * floor(log_η(maxFraction / minFraction))} (floored as {@link HalvingSchedule} floors it); the
 * top rung is {@code maxFraction} only when the ratio is a power of η. Each call of {@link
 * #next} answers, in this order:
 *
 * <ol>
 *   <li>Complete the lowest-numbered active trial that reported at the top rung;
 *   <li>run at rung 0 an active trial that has no report and is not running (a trial asked
 *       before a study was resumed);
 *   <li>promote, looking from rung {@code K - 1} down to rung 0, the best trial among the top
 *       {@code floor(n_k / η)} of rung {@code k} that is active and not promoted already, where
 *       {@code n_k} counts the trials that reported at rung {@code k} (any status) and the top
 *       ranks their finite losses, smallest first, ties to the lower trial number. A trial counts
 *       as promoted already when it reported at rung {@code k + 1} or is running now (a trial
 *       runs only the rung above its last report);
 *   <li>start a new trial at rung 0 when the view allows one;
 *   <li>wait while any trial runs;
 *   <li>otherwise the study is at its end: prune the lowest-numbered active trial at its last
 *       rung, and once none is left, say Done.
 * </ol>
 *
 * <p>New trials are bounded by the study's trial budget (and timeout), not by this scheduler.
 * At parallelism 1 the decisions depend on the losses only; above it they depend on the order
 * in which reports arrive, as the paper's do. The sampler models the highest rung with at
 * least {@link #setModelMinReports} reports (see {@link #observedRung(SchedulerView)}). {@link
 * #candidates} gives each rung's top-1/η quota once every trial has reported below it: {@code
 * trialLimit} at rung 0, then each rung's count divided by η and floored; promotions made
 * before a rung has all its reports (the paper's mispromotions) can run more trials than that
 * at the upper rungs. Immutable once configured; thread-safe.
 */
public final class Asha implements Scheduler {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "asha";

  private final Ladder ladder = new Ladder(NAME);

  /** Sets the data fraction of rung 0, in (0, 1); required. */
  public Asha setMinFraction(double value) {
    ladder.setMinFraction(value);
    return this;
  }

  /** Sets the largest data fraction a rung may use, in (0, 1] (default 1). */
  public Asha setMaxFraction(double value) {
    ladder.setMaxFraction(value);
    return this;
  }

  /** Sets η: a rung promotes its top 1/η, and each rung has η times the data (3). */
  public Asha setReductionFactor(double value) {
    ladder.setReductionFactor(value);
    return this;
  }

  /** Sets how many reports a rung needs before the sampler models it (default 10). */
  public Asha setModelMinReports(long value) {
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

  public long getModelMinReports() {
    return ladder.modelMinReports();
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return ladder.up();
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    List<Long> out = new ArrayList<>();
    long n = trialLimit;
    for (int k = 0; k <= steps(); k++) {
      out.add(n);
      n = (long) Math.floor(n / ladder.reductionFactor());
    }
    return out;
  }

  @Override
  public void validate(int maxTrials, long samplerCapacity) {
    steps();
  }

  @Override
  public Decision next(SchedulerView view) {
    List<Budget> rungs = budgets(view.trialLimit());
    int top = rungs.size() - 1;
    for (TrialProgress t : view.trials()) {
      if (t.isActive() && t.report(top).isPresent()) {
        return new Decision.Complete(t.number());
      }
    }
    for (TrialProgress t : view.trials()) {
      if (t.isActive() && t.reports().isEmpty() && !view.isInFlight(t.number())) {
        return new Decision.Run(t.number(), rungs.get(0));
      }
    }
    for (int k = top - 1; k >= 0; k--) {
      Integer promoted = promotable(view, k);
      if (promoted != null) {
        return new Decision.Run(promoted, rungs.get(k + 1));
      }
    }
    if (view.canCreate()) {
      return new Decision.Start(rungs.get(0));
    }
    if (!view.inFlight().isEmpty()) {
      return Decision.WAIT;
    }
    for (TrialProgress t : view.trials()) {
      if (t.isActive()) {
        return new Decision.Prune(t.number());
      }
    }
    return Decision.DONE;
  }

  /**
   * The number of the best trial among the top {@code floor(n_k / η)} of rung {@code k} that
   * is active and not promoted already, or null.
   */
  private Integer promotable(SchedulerView view, int k) {
    long reported = 0;
    for (TrialProgress t : view.trials()) {
      if (t.report(k).isPresent()) {
        reported++;
      }
    }
    List<TrialProgress> ranked = Rungs.ranked(view.trials(), k);
    long topCount = Math.min(ranked.size(),
        (long) Math.floor(reported / ladder.reductionFactor()));
    for (TrialProgress t : ranked.subList(0, (int) topCount)) {
      if (t.isActive() && t.report(k + 1).isEmpty() && !view.isInFlight(t.number())) {
        return t.number();
      }
    }
    return null;
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

  /** {@code K}, after checking the fractions. */
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
    config.put("modelMinReports", ladder.modelMinReports());
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Asha a && a.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "Asha" + config();
  }
}
