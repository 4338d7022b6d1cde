package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperband over data fractions (Li, Jamieson, DeSalvo, Rostamizadeh and Talwalkar, "Hyperband:
 * A Novel Bandit-Based Approach to Hyperparameter Optimization", JMLR 2018): several brackets
 * of synchronous successive halving, from many candidates on a small fraction to a few on all
 * of it, so that no one guess of how early results predict late ones decides the search.
 *
 * <pre>{@code
 * // brackets of 27, 12, 6 and 4 candidates starting at 1/27, 1/9, 1/3 and 1 of the data
 * tuner.setScheduler(new Hyperband().setMinFraction(1.0 / 27)).setMaxTrials(49);
 * }</pre>
 *
 * <p>With {@code s_max = floor(log_η(maxFraction / minFraction))} (floored as {@link
 * HalvingSchedule} floors it: 1/243 with η = 3 gives 4, not 5), bracket {@code s} (from {@code
 * s_max} down to 0, the order of the paper) starts {@code n = ceil((s_max + 1) / (s + 1) × η^s)}
 * candidates at {@code maxFraction / η^s}; its rung {@code i} runs {@code max(1, floor(n / η^i))}
 * of them at {@code maxFraction / η^(s - i)}, the best of which go on. The rungs are numbered
 * across brackets by fraction: rung {@code k} runs at {@code maxFraction / η^(s_max - k)} whatever
 * the bracket, so the smallest fraction is {@code maxFraction / η^s_max}, which is {@code
 * minFraction} when the ratio is a power of η and above it otherwise. {@link #budgets} are these
 * {@code s_max + 1} rungs and {@link #candidates} counts, for each, the trials that run there in
 * all brackets and iterations (for 1/27, 1 and η = 3: 27, 9 + 12, 3 + 4 + 6 and 1 + 1 + 2 + 4);
 * {@link #brackets} gives each bracket apart.
 *
 * <p>Trials are numbered bracket after bracket, so a bracket's candidates are a run of
 * consecutive trial numbers and every decision follows from the view: a bracket's rung is
 * complete when each of its candidates there has reported or failed; then those that do not go
 * on are PRUNED, and those of its last rung are COMPLETE. Ties go to the lower trial number.
 * The next bracket's candidates start as soon as the earlier brackets have started all of
 * theirs, so workers do not idle while a bracket's upper rungs wait for a few trials; an
 * earlier bracket's promotions still run before new candidates start. A study runs {@code
 * floor(trialLimit / n_total)} whole iterations of all brackets, where {@code n_total} is the
 * trials of one iteration (49 above), and starts no trial beyond them. The sampler models the
 * highest rung with at least {@link #setModelMinReports} reports, rung 0 until one has (see
 * {@link #observedRung(SchedulerView)}). Immutable once configured; thread-safe.
 */
public final class Hyperband implements Scheduler {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "hyperband";

  private final Ladder ladder = new Ladder(NAME);

  /** Sets the smallest data fraction a bracket may start at, in (0, 1); required. */
  public Hyperband setMinFraction(double value) {
    ladder.setMinFraction(value);
    return this;
  }

  /** Sets the data fraction of every bracket's last rung, in (0, 1] (default 1). */
  public Hyperband setMaxFraction(double value) {
    ladder.setMaxFraction(value);
    return this;
  }

  /** Sets η, the factor by which each rung cuts the candidates and grows the fraction (3). */
  public Hyperband setReductionFactor(double value) {
    ladder.setReductionFactor(value);
    return this;
  }

  /** Sets how many reports a rung needs before the sampler models it (default 10). */
  public Hyperband setModelMinReports(long value) {
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

  /**
   * The brackets of one iteration, most aggressive first: each one's candidates and data
   * fraction at each of its rungs.
   */
  public List<HalvingSchedule> brackets() {
    int steps = steps();
    List<Budget> rungs = Rungs.down(ladder.maxFraction(), ladder.reductionFactor(), steps);
    List<HalvingSchedule> out = new ArrayList<>();
    for (int s = steps; s >= 0; s--) {
      List<Double> fractions = new ArrayList<>();
      for (int i = 0; i <= s; i++) {
        fractions.add(rungs.get(steps - s + i).fraction());
      }
      out.add(new HalvingSchedule(counts(size(s, steps), s), fractions));
    }
    return out;
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return ladder.down();
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    long[] perRung = new long[steps() + 1];
    for (Bracket b : plan(trialLimit)) {
      for (int i = 0; i < b.counts().size(); i++) {
        perRung[b.baseRung() + i] += b.counts().get(i);
      }
    }
    List<Long> out = new ArrayList<>();
    for (long n : perRung) {
      out.add(n);
    }
    return out;
  }

  @Override
  public void validate(int maxTrials, long samplerCapacity) {
    int steps = steps();
    List<Long> sizes = new ArrayList<>();
    long perIteration = 0;
    for (int s = steps; s >= 0; s--) {
      sizes.add(size(s, steps));
      perIteration += size(s, steps);
    }
    if (maxTrials < perIteration) {
      throw ScheduleErrors.iterationOverTrials(perIteration, sizes, maxTrials);
    }
    if (samplerCapacity < perIteration) {
      throw ScheduleErrors.iterationOverCapacity(perIteration, sizes, samplerCapacity);
    }
  }

  @Override
  public Decision next(SchedulerView view) {
    List<Budget> rungs = budgets(view.trialLimit());
    List<Bracket> plan = plan(view.trialLimit());
    Bracket lastBracket = plan.get(plan.size() - 1);
    long total = lastBracket.first() + lastBracket.counts().get(0);
    for (TrialProgress t : view.trials()) {
      if (t.number() >= total && t.isActive() && !view.isInFlight(t.number())) {
        return new Decision.Prune(t.number());
      }
    }
    Decision run = null;
    for (Bracket b : plan) {
      Decision d = b.next(view, rungs);
      if (d instanceof Decision.Prune || d instanceof Decision.Complete) {
        return d;
      }
      if (run == null) {
        run = d;
      }
    }
    if (run != null) {
      return run;
    }
    int n = view.trials().size();
    if (n < total && view.canCreate()) {
      for (Bracket b : plan) {
        if (n < b.first() + b.counts().get(0)) {
          return new Decision.Start(rungs.get(b.baseRung()));
        }
      }
    }
    return view.inFlight().isEmpty() ? Decision.DONE : Decision.WAIT;
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

  /** {@code s_max}, after checking the fractions. */
  private int steps() {
    return ladder.steps();
  }

  /** The candidates bracket {@code s} starts: {@code ceil((s_max + 1) / (s + 1) × η^s)}. */
  private long size(int s, int steps) {
    double n = (steps + 1) * Math.pow(ladder.reductionFactor(), s) / (s + 1);
    return (long) Math.ceil(n * (1 - 1e-12));
  }

  /** The candidates of each rung of a bracket of {@code n}: {@code max(1, floor(n / η^i))}. */
  private List<Long> counts(long n, int s) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i <= s; i++) {
      double quotient = n / Math.pow(ladder.reductionFactor(), i);
      out.add(Math.max(1, (long) Math.floor(quotient * (1 + 1e-12))));
    }
    return out;
  }

  /** Every bracket of every iteration a study of at most {@code trialLimit} trials runs. */
  private List<Bracket> plan(long trialLimit) {
    int steps = steps();
    long perIteration = 0;
    for (int s = steps; s >= 0; s--) {
      perIteration += size(s, steps);
    }
    long iterations = Math.max(1, trialLimit / perIteration);
    List<Bracket> out = new ArrayList<>();
    long first = 0;
    for (long it = 0; it < iterations; it++) {
      for (int s = steps; s >= 0; s--) {
        long n = size(s, steps);
        out.add(new Bracket(first, steps - s, counts(n, s)));
        first += n;
      }
    }
    return out;
  }

  /**
   * One bracket: trials {@code first .. first + counts[0] - 1}, whose rung {@code i} is the
   * study's rung {@code baseRung + i} and runs {@code counts[i]} of them.
   */
  private record Bracket(long first, int baseRung, List<Long> counts) {

    /**
     * The bracket's next Run, Prune or Complete, as synchronous successive halving decides it;
     * null when it waits for a report or for candidates to start, or has finished.
     */
    Decision next(SchedulerView view, List<Budget> rungs) {
      List<TrialProgress> members = new ArrayList<>();
      for (TrialProgress t : view.trials()) {
        if (t.number() >= first && t.number() < first + counts.get(0)) {
          members.add(t);
        }
      }
      for (int i = 0; i < counts.size(); i++) {
        int rung = baseRung + i;
        for (TrialProgress t : members) {
          if (t.isActive() && t.report(rung).isEmpty() && !view.isInFlight(t.number())) {
            return new Decision.Run(t.number(), rungs.get(rung));
          }
        }
        if (i == 0 && members.size() < counts.get(0) && view.canCreate()) {
          return null;
        }
        for (TrialProgress t : members) {
          if (t.isActive() && t.report(rung).isEmpty()) {
            return null;
          }
        }
        boolean last = i == counts.size() - 1;
        List<TrialProgress> ranked = Rungs.ranked(members, rung);
        List<TrialProgress> kept = last ? List.of()
            : ranked.subList(0, (int) Math.min(counts.get(i + 1), ranked.size()));
        for (TrialProgress t : members) {
          if (t.isActive() && !kept.contains(t)) {
            return last ? new Decision.Complete(t.number()) : new Decision.Prune(t.number());
          }
        }
        members = kept;
      }
      return null;
    }
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
    return o instanceof Hyperband h && h.config().equals(config());
  }

  @Override
  public int hashCode() {
    return config().hashCode();
  }

  @Override
  public String toString() {
    return "Hyperband" + config();
  }
}
