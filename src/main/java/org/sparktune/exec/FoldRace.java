package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.FoldRacing;
import org.sparktune.study.Direction;
import org.sparktune.study.Rung;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/**
 * Racing over folds (see {@link FoldRacing} for the rule): at each rung a trial first runs
 * its first fold alone; if even the best value each other trial reached on the remaining folds
 * could not lift its mean to the {@code ⌈m/η⌉}-th best of the {@code m} trials that completed
 * the rung, it stops there ({@link TrialLoop.StoppedEarly}: PRUNED, the reason giving the
 * numbers) and its other folds are never fitted; otherwise they run at once, as without
 * racing. A trial that races against fewer than {@link FoldRacing#minTrials} trials runs all
 * its folds at once.
 *
 * <p>What the rule sees: in reproducible order, trial {@code n} at rung {@code r} races
 * against the full rung-{@code r} results of the trials numbered {@code n - parallelism} and
 * below (the trials its sampler saw), waiting before it starts for any of them that was handed
 * out at rung {@code r} before it and has not reported there yet; a schedule that hands out
 * each rung's trials in number order (full budget, successive halving) then races the same
 * way at any timing. In free-running order it races against whatever results the rung holds
 * when it starts. Partial rungs of stopped trials never count. Thread-safe.
 */
public final class FoldRace implements TrialLoop.RungTask {

  /** How often a trial waiting for the results it races against looks again, in ms. */
  private static final long POLL_MILLIS = 10;

  private final FoldEvaluation evaluation;
  private final Study study;
  private final double eta;
  private final LoopSettings settings;
  private final Set<List<Integer>> handedOut = ConcurrentHashMap.newKeySet();

  /**
   * Races {@code evaluation}'s folds for the trials of {@code study}, with the scheduler's
   * reduction factor {@code eta}, in the order {@code settings} says.
   */
  public FoldRace(FoldEvaluation evaluation, Study study, double eta, LoopSettings settings) {
    this.evaluation = evaluation;
    this.study = study;
    this.eta = eta;
    this.settings = settings;
  }

  /** Refuses racing over fewer than 2 folds, before any training. */
  public static void check(boolean race, String splitter, int numFolds) {
    if (race && numFolds < 2) {
      throw FidelityErrors.raceWithOneFold(splitter, numFolds);
    }
  }

  @Override
  public void submitted(Trial trial, Budget budget) {
    handedOut.add(List.of(trial.number(), budget.rung()));
  }

  @Override
  public void ended(Trial trial) {
    evaluation.ended(trial);
  }

  @Override
  public List<Double> run(Trial trial, Budget budget, int slot) throws InterruptedException {
    int k = evaluation.numFolds();
    List<List<Double>> reference = reference(trial.number(), budget.rung(), k);
    if (reference.size() < FoldRacing.minTrials(eta)) {
      return evaluation.run(trial, budget, slot);
    }
    List<Double> first = evaluation.runFolds(trial, budget, slot, List.of(0));
    Direction direction = study.direction();
    Optional<FoldRacing.Verdict> verdict = FoldRacing.judge(k, eta, reference,
        Map.of(0, direction.toLoss(first.get(0))));
    if (verdict.isPresent() && verdict.get().stop()) {
      throw new TrialLoop.StoppedEarly(first, reason(budget, k, first.get(0), verdict.get()));
    }
    List<Integer> rest = new ArrayList<>();
    for (int fold = 1; fold < k; fold++) {
      rest.add(fold);
    }
    List<Double> all = new ArrayList<>(first);
    all.addAll(evaluation.runFolds(trial, budget, slot, rest));
    return all;
  }

  /**
   * The fold losses of the trials trial {@code n} races against at rung {@code rung}, after
   * waiting, in reproducible order, for those of them still running there.
   */
  private List<List<Double>> reference(int n, int rung, int k) throws InterruptedException {
    int lastSeen = settings.reproducible() ? n - settings.parallelism() : Integer.MAX_VALUE;
    if (settings.reproducible()) {
      for (int m = 0; m <= lastSeen; m++) {
        if (handedOut.contains(List.of(m, rung))) {
          while (!study.isSettled(m, rung)) {
            Thread.sleep(POLL_MILLIS);
          }
        }
      }
    }
    List<List<Double>> out = new ArrayList<>();
    for (Trial t : study.trials()) {
      if (t.number() == n || t.number() > lastSeen) {
        continue;
      }
      Optional<Rung> r = t.rung(rung);
      if (r.isPresent() && r.get().foldValues().size() == k) {
        List<Double> losses = new ArrayList<>();
        for (double v : r.get().foldValues()) {
          losses.add(study.direction().toLoss(v));
        }
        if (losses.stream().allMatch(Double::isFinite)) {
          out.add(losses);
        }
      }
    }
    return out;
  }

  private String reason(Budget budget, int k, double value, FoldRacing.Verdict v) {
    Direction d = study.direction();
    return String.format("stopped by fold racing at rung %d after fold 1 of %d: fold 1 gave"
        + " %.6g, so its mean over the %d folds is at best %.6g (the other folds at the best"
        + " value any trial reached on them), which cannot reach %.6g, the mean of the %s best"
        + " of the %d trials that completed rung %d", budget.rung(), k, value, k,
        d.toLoss(v.attainable()), d.toLoss(v.threshold()), ordinal(v.rank()), v.trials(),
        budget.rung());
  }

  private static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }
}
