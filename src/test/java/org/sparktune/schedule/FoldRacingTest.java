package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The racing rule's arithmetic, in losses; no Spark. */
class FoldRacingTest {

  /** Four trials' losses on three folds; means 0.2, 0.3, 0.4, 0.5. */
  private static final List<List<Double>> FOUR = List.of(
      List.of(0.1, 0.2, 0.3),
      List.of(0.3, 0.3, 0.3),
      List.of(0.5, 0.4, 0.3),
      List.of(0.5, 0.5, 0.5));

  @Test
  void attainableMeanFillsUnseenFoldsWithTheirBestAndComparesWithTheCeilMOverEtaThBest() {
    // best on folds 2 and 3: 0.2 and 0.3; threshold: the ⌈4/3⌉ = 2nd best mean, 0.3.
    FoldRacing.Verdict v = FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.7)).orElseThrow();
    assertEquals((0.7 + 0.2 + 0.3) / 3, v.attainable(), 1e-12);
    assertEquals(0.3, v.threshold(), 1e-12);
    assertEquals(2, v.rank());
    assertEquals(4, v.trials());
    assertTrue(v.stop());
  }

  @Test
  void aTrialThatCouldStillReachTheThresholdGoesOn() {
    // (0.4 + 0.2 + 0.3) / 3 = 0.3: equal to the threshold, so not strictly worse.
    FoldRacing.Verdict v = FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.4)).orElseThrow();
    assertEquals(0.3, v.attainable(), 1e-12);
    assertFalse(v.stop());
    assertFalse(FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.39)).orElseThrow().stop());
    assertTrue(FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.41)).orElseThrow().stop());
  }

  @Test
  void seenFoldsCountTheirOwnValues() {
    // folds 1 and 2 seen at 0.3 each, fold 3 at its best 0.3: 0.3, not worse than 0.3.
    assertFalse(FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.3, 1, 0.3)).orElseThrow().stop());
    assertTrue(FoldRacing.judge(3, 3, FOUR, Map.of(0, 0.3, 1, 0.31)).orElseThrow().stop());
  }

  @Test
  void racingStartsOnceTheRungHoldsCeilEtaPlusOneTrials() {
    assertEquals(4, FoldRacing.minTrials(3));
    assertEquals(3, FoldRacing.minTrials(2));
    assertEquals(4, FoldRacing.minTrials(2.5));
    assertTrue(FoldRacing.judge(3, 3, FOUR.subList(0, 3), Map.of(0, 9.0)).isEmpty());
    // η = 2 with 3 trials: the ⌈3/2⌉ = 2nd best mean, 0.3.
    FoldRacing.Verdict v = FoldRacing.judge(3, 2, FOUR.subList(0, 3), Map.of(0, 0.5))
        .orElseThrow();
    assertEquals(2, v.rank());
    assertEquals(0.3, v.threshold(), 1e-12);
  }

  @Test
  void theReductionFactorComesFromTheScheduler() {
    assertEquals(3, FoldRacing.reductionFactor(new FullBudget()), 0);
    assertEquals(4, FoldRacing.reductionFactor(new SuccessiveHalving().setReductionFactor(4)),
        0);
  }
}
