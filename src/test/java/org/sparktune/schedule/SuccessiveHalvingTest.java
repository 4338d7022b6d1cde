package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparktune.exec.LoopSettings;
import org.sparktune.exec.TrialLoop;
import org.sparktune.search.GridSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Rung;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.study.TrialStore;

/** Successive halving driven by the real trial loop over plain tasks, without Spark. */
class SuccessiveHalvingTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", 0, 1);

  /** A loss whose noise shrinks as the budget grows, so small rungs can mislead a little. */
  private static List<Double> loss(Trial t, Budget b) {
    double x = (Double) t.params().get("x");
    double noise = (1 - b.fraction()) * 0.02 * Math.sin(37.0 * t.number());
    return List.of((x - 0.3) * (x - 0.3) + noise, (x - 0.3) * (x - 0.3) - noise);
  }

  private static Study run(SuccessiveHalving sh, int parallelism, TrialStore store) {
    Study study = Study.create("sh", SPACE, new RandomSampler(), Direction.MINIMIZE, 11, store);
    new TrialLoop(study, sh, new LoopSettings(parallelism, 27, null, true))
        .run((t, b, slot) -> loss(t, b), t -> { });
    return study;
  }

  @Test
  void runsTwentySevenNineThreeAndOneCandidatesAndPrunesTheRest() {
    Study study = run(new SuccessiveHalving().setMinFraction(1.0 / 27), 1,
        new InMemoryTrialStore());
    List<Trial> trials = study.trials();
    assertEquals(27, trials.size());
    int[] perRung = new int[4];
    for (Trial t : trials) {
      t.rungs().forEach(r -> perRung[r.rung()]++);
    }
    assertEquals(List.of(27, 9, 3, 1), List.of(perRung[0], perRung[1], perRung[2], perRung[3]));
    assertEquals(26, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
    Trial winner = study.bestTrial().orElseThrow();
    assertEquals(4, winner.rungs().size());
    assertEquals(1.0, winner.budget(), 0);
    for (Trial t : trials) {
      if (t.state() == TrialState.PRUNED) {
        Rung last = t.lastRung().orElseThrow();
        assertTrue(t.error().startsWith("not promoted after rung " + last.rung()), t.error());
      }
    }
  }

  @Test
  void promotesTheBestOfEachRung() {
    Study study = run(new SuccessiveHalving().setMinFraction(1.0 / 27), 2,
        new InMemoryTrialStore());
    for (int r = 0; r < 3; r++) {
      int rung = r;
      List<Trial> at = study.trials().stream().filter(t -> t.rung(rung).isPresent()).toList();
      double worstPromoted = at.stream().filter(t -> t.rung(rung + 1).isPresent())
          .mapToDouble(t -> t.rung(rung).get().value()).max().orElseThrow();
      double bestStopped = at.stream().filter(t -> t.rung(rung + 1).isEmpty())
          .mapToDouble(t -> t.rung(rung).get().value()).min().orElseThrow();
      assertTrue(worstPromoted <= bestStopped, "rung " + rung);
    }
  }

  @Test
  void sameScheduleAndResultsAtAnyParallelism() {
    List<Trial> one = run(new SuccessiveHalving().setMinFraction(1.0 / 27), 1,
        new InMemoryTrialStore()).trials();
    List<Trial> four = run(new SuccessiveHalving().setMinFraction(1.0 / 27), 4,
        new InMemoryTrialStore()).trials();
    assertEquals(outcomes(one), outcomes(four));
  }

  @Test
  void resumedStudyRunsWhatWasLostOnceAndEndsAsAnUninterruptedOne() {
    SuccessiveHalving sh = new SuccessiveHalving().setMinFraction(1.0 / 27);
    List<Trial> whole = run(sh, 2, new InMemoryTrialStore()).trials();
    // A first run that died after ten rung-0 reports, with trial 10 running.
    TrialStore store = new InMemoryTrialStore();
    Study first = Study.create("sh", SPACE, new RandomSampler(), Direction.MINIMIZE, 11, store);
    Budget rung0 = sh.budgets(27).get(0);
    for (int i = 0; i < 10; i++) {
      Trial t = first.ask(0, Integer.MAX_VALUE);
      first.report(t, Rung.of(0, rung0.fraction(), loss(t, rung0), null, null));
    }
    first.ask(0, Integer.MAX_VALUE);
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Study resumed = Study.create("sh", SPACE, new RandomSampler(), Direction.MINIMIZE, 11,
        store);
    new TrialLoop(resumed, sh, new LoopSettings(2, 27, null, true)).run((t, b, slot) -> {
      runs.computeIfAbsent(t.number() + "@" + b.rung(), k -> new AtomicInteger())
          .incrementAndGet();
      return loss(t, b);
    }, t -> { });
    for (int i = 0; i < 10; i++) {
      assertEquals(null, runs.get(i + "@0"), "trial " + i + " ran rung 0 again");
    }
    assertEquals(1, runs.get("10@0").get());
    assertTrue(runs.values().stream().allMatch(n -> n.get() == 1));
    assertEquals(outcomes(whole), outcomes(resumed.trials()));
  }

  @Test
  void aGridBecomesTheCandidates() {
    SearchSpace grid = new SearchSpace().categorical("x", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
        0.8, 0.9);
    Study study = Study.create(grid, new GridSampler(), Direction.MINIMIZE, 3);
    SuccessiveHalving sh = new SuccessiveHalving().setMinFraction(1.0 / 9);
    new TrialLoop(study, sh, new LoopSettings(2, 100, null, true))
        .run((t, b, slot) -> loss(t, b), t -> { });
    assertEquals(9, study.trials().size());
    assertEquals(0.3, study.bestTrial().orElseThrow().params().get("x"));
  }

  @Test
  void tpeProposesTheCandidatesFromTheFirstRung() {
    Study study = Study.create(SPACE, new TpeSampler().setStartupTrials(5), Direction.MINIMIZE,
        5);
    new TrialLoop(study, new SuccessiveHalving().setMinFraction(1.0 / 27),
        new LoopSettings(3, 27, null, true)).run((t, b, slot) -> loss(t, b), t -> { });
    assertEquals(27, study.trials().size());
    assertEquals(1, study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE)
        .count());
  }

  @Test
  void badConfigurationsFailWithTheFix() {
    assertEquals("successiveHalving reductionFactor (η) is 1.5; it must be a finite number of"
        + " at least 2 (each rung keeps 1/η of its candidates and gives them η times the data):"
        + " 3 is the usual choice.", assertThrows(IllegalArgumentException.class,
            () -> new SuccessiveHalving().setReductionFactor(1.5)).getMessage());
    assertEquals("successiveHalving minFraction is 0.0; a data fraction must lie in (0, 1],"
        + " e.g. 1/27 = 0.037 for the first rung of 27 candidates with η = 3.",
        assertThrows(IllegalArgumentException.class,
            () -> new SuccessiveHalving().setMinFraction(0)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SuccessiveHalving().setMaxFraction(1.5));
    assertEquals("successiveHalving minFraction (0.5) must be below maxFraction (0.5); lower"
        + " minFraction, e.g. to maxFraction / 27, or raise maxFraction.",
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving()
            .setMinFraction(0.5).setMaxFraction(0.5).validate(27, 100)).getMessage());
    assertEquals("successiveHalving wants 27 candidates but the sampler can propose only 9 (a"
        + " grid of 9 points); set candidates to at most 9, leave it unset to use the grid's"
        + " size, or use a sampler that proposes more (random, qmc, tpe, gp).",
        assertThrows(IllegalArgumentException.class,
            () -> new SuccessiveHalving().setCandidates(27).validate(27, 9)).getMessage());
    assertEquals("successiveHalving wants 27 candidates but the search allows maxTrials = 20;"
        + " set maxTrials to at least 27, or fewer candidates (unset, they default to"
        + " maxTrials).", assertThrows(IllegalArgumentException.class,
            () -> new SuccessiveHalving().setCandidates(27).validate(20, 100)).getMessage());
  }

  @Test
  void configRoundTripsThroughJson() {
    SuccessiveHalving sh = new SuccessiveHalving().setCandidates(81).setReductionFactor(4)
        .setMinFraction(0.01).setMaxFraction(0.5).setAggressiveElimination(true);
    assertEquals(sh, Schedulers.fromJson(Schedulers.toJson(sh)));
    assertEquals(new FullBudget(), Schedulers.fromJson(Schedulers.toJson(new FullBudget())));
    assertEquals("scheduler 'successiveHalving' has no option 'eta'; its options are"
        + " [aggressiveElimination, candidates, maxFraction, minFraction, reductionFactor].",
        assertThrows(IllegalArgumentException.class, () -> Schedulers.fromConfig(
            "successiveHalving", Map.of("eta", 3))).getMessage());
  }

  /** Each trial's number, params, end state and rung values: what a study's outcome is. */
  private static List<String> outcomes(List<Trial> trials) {
    List<String> out = new ArrayList<>();
    for (Trial t : trials) {
      List<String> rungs = new ArrayList<>();
      t.rungs().forEach(r -> rungs.add(r.rung() + ":" + r.budget() + "=" + r.foldValues()));
      out.add(t.number() + " " + t.params() + " " + t.state() + " " + t.values() + " " + rungs);
    }
    return out;
  }
}
