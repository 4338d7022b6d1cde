package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hyperband's brackets against the paper's table, and its decisions in the pure simulator. */
class HyperbandTest {

  private static final Hyperband HB = new Hyperband().setMinFraction(1.0 / 27);

  /** Each bracket's first trial, and one past its last, for one iteration at 1/27, 1, 3. */
  private static final int[] FIRST = {0, 27, 39, 45, 49};

  @Test
  void bracketsForOneTwentySeventhAreThePapersTable() {
    List<HalvingSchedule> brackets = HB.brackets();
    assertEquals(4, brackets.size());
    assertBracket(brackets.get(0), List.of(27L, 9L, 3L, 1L), 1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0);
    assertBracket(brackets.get(1), List.of(12L, 4L, 1L), 1.0 / 9, 1.0 / 3, 1.0);
    assertBracket(brackets.get(2), List.of(6L, 2L), 1.0 / 3, 1.0);
    assertBracket(brackets.get(3), List.of(4L), 1.0);
  }

  @Test
  void bracketsForRTimesEightyOneAreTheTableOfThePaper() {
    List<List<Long>> sizes = new ArrayList<>();
    new Hyperband().setMinFraction(1.0 / 81).brackets().forEach(b -> sizes.add(b.candidates()));
    assertEquals(List.of(List.of(81L, 27L, 9L, 3L, 1L), List.of(34L, 11L, 3L, 1L),
        List.of(15L, 5L, 1L), List.of(8L, 2L), List.of(5L)), sizes);
  }

  @Test
  void theNumberOfBracketsIsFlooredAsSuccessiveHalvingFloorsItsRungs() {
    assertEquals(5, new Hyperband().setMinFraction(1.0 / 243).brackets().size());
    assertEquals(5, new SuccessiveHalving().setMinFraction(1.0 / 243).budgets(243).size());
    assertEquals(1.0 / 81, new Hyperband().setMinFraction(1.0 / 243).budgets(300).get(0)
        .fraction(), 1e-15);
  }

  @Test
  void budgetsAreTheUnionOfRungsAndCandidatesCountEveryBracket() {
    List<Budget> budgets = HB.budgets(49);
    double[] expected = {1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0};
    assertEquals(4, budgets.size());
    for (int k = 0; k < 4; k++) {
      assertEquals(k, budgets.get(k).rung());
      assertEquals(expected[k], budgets.get(k).fraction(), 1e-15);
    }
    assertEquals(List.of(27L, 21L, 13L, 8L), HB.candidates(49));
    assertEquals(List.of(27L, 21L, 13L, 8L), HB.candidates(97));
    assertEquals(List.of(54L, 42L, 26L, 16L), HB.candidates(98));
  }

  @Test
  void eachBracketRunsSuccessiveHalvingOverItsRunOfTrialNumbers() {
    for (int parallelism : new int[] {1, 4}) {
      ScheduleSimulator.Outcome out = ScheduleSimulator.run(HB, parallelism, 49);
      assertEquals(49, out.trials().size());
      long[][] perRung = {{27, 9, 3, 1}, {0, 12, 4, 1}, {0, 0, 6, 2}, {0, 0, 0, 4}};
      for (int b = 0; b < 4; b++) {
        for (int k = 0; k < 4; k++) {
          assertEquals(perRung[b][k], out.reportedAt(k, FIRST[b], FIRST[b + 1]),
              "parallelism " + parallelism + " bracket " + b + " rung " + k);
        }
      }
      assertEquals(8, out.count(TrialProgress.Status.COMPLETE));
      assertEquals(41, out.count(TrialProgress.Status.PRUNED));
    }
  }

  @Test
  void eachBracketPromotesItsBestTrials() {
    ScheduleSimulator.Outcome out = ScheduleSimulator.run(HB, 4, 49);
    for (int b = 0; b < 3; b++) {
      int from = FIRST[b];
      int to = FIRST[b + 1];
      for (int k = b; k < 3; k++) {
        int rung = k;
        List<TrialProgress> at = out.trials().stream()
            .filter(t -> t.number() >= from && t.number() < to && t.report(rung).isPresent())
            .collect(Collectors.toList());
        long promoted = at.stream().filter(t -> t.report(rung + 1).isPresent()).count();
        List<Integer> best = Rungs.ranked(at, rung).subList(0, (int) promoted).stream()
            .map(TrialProgress::number).collect(Collectors.toList());
        List<Integer> went = at.stream().filter(t -> t.report(rung + 1).isPresent())
            .map(TrialProgress::number).sorted().collect(Collectors.toList());
        assertEquals(best.stream().sorted().collect(Collectors.toList()), went,
            "bracket " + b + " rung " + rung);
      }
    }
  }

  @Test
  void theOutcomeIsTheSameAtParallelismOneAndFour() {
    List<TrialProgress> one = ScheduleSimulator.run(HB, 1, 49).trials();
    assertEquals(one, ScheduleSimulator.run(HB, 4, 49).trials());
  }

  @Test
  void sameLossesGiveTheSameDecisionsTwice() {
    assertEquals(ScheduleSimulator.run(HB, 1, 49).decisions(),
        ScheduleSimulator.run(HB, 1, 49).decisions());
  }

  @Test
  void runsAsManyWholeIterationsAsTheTrialBudgetAllows() {
    ScheduleSimulator.Outcome out = ScheduleSimulator.run(HB, 2, 100);
    assertEquals(98, out.trials().size());
    assertEquals(16, out.count(TrialProgress.Status.COMPLETE));
    assertEquals(27, out.reportedAt(0, 49, 98));
    assertEquals(4, out.reportedAt(3, 94, 98));
  }

  @Test
  void theSamplerModelsTheHighestRungWithEnoughReports() {
    List<TrialProgress> trials = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      List<RungReport> reports = new ArrayList<>();
      reports.add(new RungReport(0, 1.0 / 27, i));
      if (i < 10) {
        reports.add(new RungReport(1, 1.0 / 9, i));
      }
      if (i < 3) {
        reports.add(new RungReport(2, 1.0 / 3, i));
      }
      trials.add(new TrialProgress(i, TrialProgress.Status.ACTIVE, reports));
    }
    SchedulerView view = new SchedulerView(trials, Set.of(), true, 49);
    assertEquals(1, HB.observedRung(view));
    assertEquals(2, new Hyperband().setMinFraction(1.0 / 27).setModelMinReports(3)
        .observedRung(view));
    assertEquals(0, new Hyperband().setMinFraction(1.0 / 27).setModelMinReports(13)
        .observedRung(view));
    assertEquals(0, HB.observedRung());
  }

  @Test
  void badConfigurationsFailWithTheFix() {
    assertEquals("hyperband reductionFactor (η) is 1.5; it must be a finite number of at least"
        + " 2 (each rung keeps 1/η of its candidates and gives them η times the data): 3 is the"
        + " usual choice.", assertThrows(IllegalArgumentException.class,
            () -> new Hyperband().setReductionFactor(1.5)).getMessage());
    assertEquals("hyperband maxFraction is 1.5; a data fraction must lie in (0, 1], e.g. 1/27 ="
        + " 0.037 for the first rung of 27 candidates with η = 3.",
        assertThrows(IllegalArgumentException.class,
            () -> new Hyperband().setMaxFraction(1.5)).getMessage());
    assertEquals("hyperband minFraction (0.5) must be below maxFraction (0.5); lower"
        + " minFraction, e.g. to maxFraction / 27, or raise maxFraction.",
        assertThrows(IllegalArgumentException.class, () -> new Hyperband().setMinFraction(0.5)
            .setMaxFraction(0.5).validate(100, 100)).getMessage());
    assertEquals("hyperband needs minFraction, the data fraction of its smallest rung; set it,"
        + " e.g. setMinFraction(1.0 / 27) for rungs at 1/27, 1/9, 1/3 and all of the data with"
        + " η = 3 and maxFraction = 1.", assertThrows(IllegalArgumentException.class,
            () -> new Hyperband().validate(100, 100)).getMessage());
    assertEquals("hyperband has a single rung: minFraction (0.5) times η (3.0) passes"
        + " maxFraction (1.0), so no trial would ever be stopped early; set minFraction to at"
        + " most maxFraction / η = 0.3333333333333333, or lower η.",
        assertThrows(IllegalArgumentException.class,
            () -> new Hyperband().setMinFraction(0.5).validate(100, 100)).getMessage());
    assertEquals("hyperband runs 49 trials per iteration (brackets of [27, 12, 6, 4]"
        + " candidates) but the search allows maxTrials = 40; set maxTrials to at least 49, or"
        + " raise minFraction for fewer, smaller brackets.",
        assertThrows(IllegalArgumentException.class, () -> HB.validate(40, 100)).getMessage());
    assertEquals("hyperband runs 49 trials per iteration (brackets of [27, 12, 6, 4]"
        + " candidates) but the sampler can propose only 9 (a grid of 9 points); raise"
        + " minFraction for fewer, smaller brackets, or use a sampler that proposes more"
        + " (random, qmc, tpe, gp).",
        assertThrows(IllegalArgumentException.class, () -> HB.validate(49, 9)).getMessage());
  }

  private static void assertBracket(HalvingSchedule bracket, List<Long> candidates,
      double... fractions) {
    assertEquals(candidates, bracket.candidates());
    assertEquals(fractions.length, bracket.resources().size());
    for (int i = 0; i < fractions.length; i++) {
      assertEquals(fractions[i], bracket.resources().get(i), 1e-15);
    }
    assertTrue(bracket.resources().get(fractions.length - 1) == 1.0);
  }
}
