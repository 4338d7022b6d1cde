package org.sparktune.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Early stopping over data fractions without naming the algorithm: the scheduler a search asks
 * for when it wants multi-fidelity tuning and leaves the choice to the study's parallelism.
 * {@link #resolve} picks it when the search starts:
 *
 * <ul>
 *   <li>parallelism above 1: {@link Asha}, whose promotions never make a slot wait for a rung to
 *       fill (Li et al., MLSys 2020);
 *   <li>parallelism 1: {@link SuccessiveHalving} over the same ladder. With one slot nothing
 *       waits for a rung to fill, so the synchronous algorithm that ASHA approximates runs
 *       exactly: each rung is ranked on all its candidates (none of ASHA's promotions from a rung
 *       half reported), every trial of the budget is a first-rung candidate, and any trial
 *       budget of at least η fits, where {@link Hyperband} needs a whole iteration of brackets
 *       (49 trials at 1/27 with η = 3).
 * </ul>
 *
 * <pre>{@code
 * // ASHA at parallelism 2, with rungs at 1/27, 1/9, 1/3 and all of the data for 60 trials
 * tuner.setScheduler(new MultiFidelity()).setMaxTrials(60).setParallelism(2);
 * }</pre>
 *
 * <p>The ladder is {@link Asha}'s: {@link #setMaxFraction} (default 1), η ({@link
 * #setReductionFactor}, default 3) and {@link #setMinFraction}. Unset, the smallest fraction is
 * {@code maxFraction / η^K}, with {@code K} the most rungs above the first, at most {@value
 * #MAX_STEPS}, that still bring at least one trial to {@code maxFraction} when each rung keeps
 * {@code floor(n / η)} of the study's {@code n} trials: 1/9 for 9 to 26 trials, 1/27 from 27
 * trials with η = 3. {@link #setModelMinReports} applies to ASHA (successive halving's sampler
 * models its first rung). The search records the scheduler it resolved to in each trial's
 * provenance and keeps this one as its param, so a saved search resolves again at its
 * parallelism when it is fitted. A study resumed from its log must run at the parallelism it
 * started with, or the log would be replayed into another algorithm; name {@link Asha} or
 * {@link SuccessiveHalving} to pin one. Used without {@link #resolve}, it schedules as at
 * parallelism 1. Immutable once configured; thread-safe.
 */
public final class MultiFidelity implements Scheduler {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "multiFidelity";

  /** The most rungs above the first an unset smallest fraction gives. */
  public static final int MAX_STEPS = 3;

  private final Ladder ladder = new Ladder(NAME);

  /** Sets the data fraction of the first rung, in (0, 1) (default: see the class doc). */
  public MultiFidelity setMinFraction(double value) {
    ladder.setMinFraction(value);
    return this;
  }

  /** Sets the data fraction of the last rung, in (0, 1] (default 1: all the data). */
  public MultiFidelity setMaxFraction(double value) {
    ladder.setMaxFraction(value);
    return this;
  }

  /** Sets η: a rung keeps its top 1/η, and each rung has η times the data (3). */
  public MultiFidelity setReductionFactor(double value) {
    ladder.setReductionFactor(value);
    return this;
  }

  /** Sets how many reports a rung needs before ASHA's sampler models it (default 10). */
  public MultiFidelity setModelMinReports(long value) {
    ladder.setModelMinReports(value);
    return this;
  }

  /** The smallest fraction as set, or 0 when it is left to {@link #resolve}. */
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

  /**
   * {@link Asha} when {@code parallelism > 1}, else {@link SuccessiveHalving}, over this ladder
   * for a study of at most {@code trialLimit} trials; fails, naming the fix, when the trials are
   * too few for a second rung.
   */
  @Override
  public Scheduler resolve(int parallelism, long trialLimit) {
    double min = ladder.minFraction() > 0 ? ladder.minFraction() : derivedMin(trialLimit);
    if (parallelism > 1) {
      return new Asha().setMinFraction(min).setMaxFraction(ladder.maxFraction())
          .setReductionFactor(ladder.reductionFactor())
          .setModelMinReports(ladder.modelMinReports());
    }
    return new SuccessiveHalving().setMinFraction(min).setMaxFraction(ladder.maxFraction())
        .setReductionFactor(ladder.reductionFactor());
  }

  /** {@code maxFraction / η^K}, {@code K} as the class doc says. */
  private double derivedMin(long trialLimit) {
    double eta = ladder.reductionFactor();
    int steps = 0;
    long n = trialLimit;
    while (steps < MAX_STEPS && Math.floor(n / eta) >= 1) {
      n = (long) Math.floor(n / eta);
      steps++;
    }
    if (steps == 0) {
      throw ScheduleErrors.tooFewForRungs(NAME, trialLimit, eta);
    }
    return ladder.maxFraction() / Math.pow(eta, steps);
  }

  @Override
  public Decision next(SchedulerView view) {
    return resolve(1, view.trialLimit()).next(view);
  }

  @Override
  public int observedRung() {
    return 0;
  }

  @Override
  public int observedRung(SchedulerView view) {
    return resolve(1, view.trialLimit()).observedRung(view);
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return resolve(1, trialLimit).budgets(trialLimit);
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    return resolve(1, trialLimit).candidates(trialLimit);
  }

  @Override
  public void validate(int maxTrials, long samplerCapacity) {
    long limit = Math.min(maxTrials, samplerCapacity);
    if (ladder.minFraction() > 0) {
      ladder.steps();
    } else {
      derivedMin(limit);
    }
    resolve(1, limit).validate(maxTrials, samplerCapacity);
    resolve(2, limit).validate(maxTrials, samplerCapacity);
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
    return o instanceof MultiFidelity m && m.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "MultiFidelity" + config();
  }
}
