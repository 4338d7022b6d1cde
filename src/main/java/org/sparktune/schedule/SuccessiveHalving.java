package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synchronous successive halving over data fractions (Jamieson and Talwalkar 2016; the
 * schedule of scikit-learn's {@code HalvingRandomSearchCV}, see {@link HalvingSchedule}): all
 * candidates run on a small fraction of the data, the best {@code 1/η} of them go on to a
 * fraction {@code η} times larger, and so on up to the largest fraction.
 *
 * <pre>{@code
 * // 27 candidates at 1/27 of the data, 9 at 1/9, 3 at 1/3, 1 on all of it
 * tuner.setScheduler(new SuccessiveHalving().setReductionFactor(3).setMinFraction(1.0 / 27))
 *     .setMaxTrials(27);
 * }</pre>
 *
 * <p>The candidates are the study's first trials, proposed by any sampler (a grid's points, or
 * random, QMC, TPE or GP proposals); their number is {@link #setCandidates} or, unset, the
 * study's trial budget (or the grid's size when that is smaller). A rung is complete when every
 * candidate in it has reported or failed; then the candidates that do not go on are PRUNED at
 * that rung's fraction, and those of the last rung are COMPLETE. Ties go to the lower trial
 * number, so the schedule depends on the results only, never on timing. Without {@link
 * #setMinFraction}, the smallest fraction is the one that lets the candidates reach the largest
 * fraction ({@code maxFraction / η^(rungs - 1)}, scikit-learn's {@code 'exhaust'}). Samplers
 * see the first rung's results. Immutable once configured; thread-safe.
 */
public final class SuccessiveHalving implements Scheduler {

  private static final long serialVersionUID = 1L;

  private long candidates;
  private double reductionFactor = 3;
  private double minFraction;
  private double maxFraction = 1;
  private boolean aggressiveElimination;

  /** Sets the number of candidates of the first rung (default: the study's trial budget). */
  public SuccessiveHalving setCandidates(long value) {
    candidates = ScheduleErrors.atLeast("successiveHalving", "candidates", value, 1);
    return this;
  }

  /** Sets η, the factor by which each rung cuts the candidates and grows the fraction (3). */
  public SuccessiveHalving setReductionFactor(double value) {
    reductionFactor = ScheduleErrors.reductionFactor("successiveHalving", value);
    return this;
  }

  /** Sets the data fraction of the first rung, in (0, 1) (default: see the class doc). */
  public SuccessiveHalving setMinFraction(double value) {
    minFraction = ScheduleErrors.fraction("successiveHalving", "minFraction", value);
    return this;
  }

  /** Sets the data fraction of the last rung, in (0, 1] (default 1: all the data). */
  public SuccessiveHalving setMaxFraction(double value) {
    maxFraction = ScheduleErrors.fraction("successiveHalving", "maxFraction", value);
    return this;
  }

  /**
   * Repeats the smallest fraction until the remaining rungs fit, so that the last rung holds
   * about one candidate even when the fractions allow fewer rungs (default false).
   */
  public SuccessiveHalving setAggressiveElimination(boolean value) {
    aggressiveElimination = value;
    return this;
  }

  public long getCandidates() {
    return candidates;
  }

  public double getReductionFactor() {
    return reductionFactor;
  }

  public double getMinFraction() {
    return minFraction;
  }

  public double getMaxFraction() {
    return maxFraction;
  }

  /** The schedule for a study of at most {@code trialLimit} trials. */
  public HalvingSchedule schedule(long trialLimit) {
    long n = candidates > 0 ? Math.min(candidates, trialLimit) : trialLimit;
    double min = minFraction > 0 ? minFraction
        : HalvingSchedule.exhaustMin(n, 0, maxFraction, reductionFactor, false);
    return HalvingSchedule.of(n, min, maxFraction, reductionFactor, aggressiveElimination,
        false);
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return budgets(schedule(trialLimit));
  }

  private static List<Budget> budgets(HalvingSchedule schedule) {
    List<Budget> out = new ArrayList<>();
    List<Double> fractions = schedule.resources();
    for (int i = 0; i < fractions.size(); i++) {
      out.add(new Budget(i, fractions.get(i)));
    }
    return out;
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    return schedule(trialLimit).candidates();
  }

  @Override
  public void validate(int maxTrials, long samplerCapacity) {
    if (minFraction > 0 && minFraction >= maxFraction) {
      throw ScheduleErrors.minNotBelowMax("successiveHalving", minFraction, maxFraction);
    }
    if (candidates > maxTrials) {
      throw ScheduleErrors.candidatesOverTrials(candidates, maxTrials);
    }
    if (candidates > samplerCapacity) {
      throw ScheduleErrors.candidatesOverCapacity(candidates, samplerCapacity);
    }
  }

  @Override
  public Decision next(SchedulerView view) {
    HalvingSchedule schedule = schedule(view.trialLimit());
    List<Budget> budgets = budgets(schedule);
    long first = schedule.candidates().get(0);
    List<TrialProgress> members = new ArrayList<>();
    for (TrialProgress t : view.trials()) {
      if (t.number() < first) {
        members.add(t);
      } else if (t.isActive() && !view.isInFlight(t.number())) {
        return new Decision.Prune(t.number());
      }
    }
    if (members.size() < first && view.canCreate()) {
      Decision orphan = orphan(members, 0, budgets.get(0), view);
      return orphan != null ? orphan : new Decision.Start(budgets.get(0));
    }
    for (int r = 0; r < schedule.numRungs(); r++) {
      Budget budget = budgets.get(r);
      Decision orphan = orphan(members, r, budget, view);
      if (orphan != null) {
        return orphan;
      }
      for (TrialProgress t : members) {
        if (t.isActive() && t.report(r).isEmpty()) {
          return Decision.WAIT;
        }
      }
      boolean last = r == schedule.numRungs() - 1;
      List<TrialProgress> kept = last ? List.of()
          : best(members, r, schedule.candidates().get(r + 1));
      for (TrialProgress t : members) {
        if (t.isActive() && !kept.contains(t)) {
          return last ? new Decision.Complete(t.number()) : new Decision.Prune(t.number());
        }
      }
      members = kept;
    }
    return view.inFlight().isEmpty() ? Decision.DONE : Decision.WAIT;
  }

  /** Runs a member of rung {@code r} that has not reported there and is not running. */
  private static Decision orphan(List<TrialProgress> members, int r, Budget budget,
      SchedulerView view) {
    for (TrialProgress t : members) {
      if (t.isActive() && t.report(r).isEmpty() && !view.isInFlight(t.number())) {
        return new Decision.Run(t.number(), budget);
      }
    }
    return null;
  }

  /** The {@code keep} members with the smallest loss at rung {@code r}; ties by number. */
  private static List<TrialProgress> best(List<TrialProgress> members, int r, long keep) {
    List<TrialProgress> reported = new ArrayList<>();
    for (TrialProgress t : members) {
      if (t.report(r).isPresent() && Double.isFinite(t.report(r).get().loss())) {
        reported.add(t);
      }
    }
    reported.sort(Comparator.comparingDouble((TrialProgress t) -> t.report(r).get().loss())
        .thenComparingInt(TrialProgress::number));
    return new ArrayList<>(reported.subList(0, (int) Math.min(keep, reported.size())));
  }

  @Override
  public int observedRung() {
    return 0;
  }

  @Override
  public String name() {
    return "successiveHalving";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    if (candidates > 0) {
      config.put("candidates", candidates);
    }
    config.put("reductionFactor", reductionFactor);
    if (minFraction > 0) {
      config.put("minFraction", minFraction);
    }
    config.put("maxFraction", maxFraction);
    config.put("aggressiveElimination", aggressiveElimination);
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SuccessiveHalving s && s.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "SuccessiveHalving" + config();
  }
}
