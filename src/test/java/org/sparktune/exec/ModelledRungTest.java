package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparktune.schedule.Hyperband;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/**
 * BOHB-style search through the trial loop: with Hyperband, TPE models the largest rung that
 * has enough reports, so what the full budget says steers its proposals once it has said
 * enough, even where the small rungs say the opposite.
 */
class ModelledRungTest {

  /** Small fractions favour small x; the full data favours x near 0.9. */
  private static double loss(double x, double fraction) {
    return fraction < 1 ? x : (x - 0.9) * (x - 0.9);
  }

  private static List<Trial> run(long modelMinReports) {
    Study study = Study.create(new SearchSpace().uniform("x", 0, 1),
        new TpeSampler().setStartupTrials(5), Direction.MINIMIZE, 3);
    Hyperband hyperband = new Hyperband().setMinFraction(1.0 / 9).setReductionFactor(3)
        .setModelMinReports(modelMinReports);
    new TrialLoop(study, hyperband, new LoopSettings(1, 51, null, true)).run(
        (trial, budget, slot) -> List.of(loss((Double) trial.params().get("x"),
            budget.fraction())), t -> { });
    return study.trials();
  }

  private static double meanXFrom(List<Trial> trials, int first) {
    return trials.subList(first, trials.size()).stream()
        .mapToDouble(t -> (Double) t.params().get("x")).average().orElseThrow();
  }

  @Test
  void proposalsFollowTheLargestRungWithEnoughReports() {
    List<Trial> topModelled = run(2);
    List<Trial> bottomModelled = run(1000);
    assertEquals(51, topModelled.size());
    assertEquals(51, bottomModelled.size());
    // Identical until the full rung has two reports; then TPE models it and moves towards 0.9.
    double top = meanXFrom(topModelled, 34);
    double bottom = meanXFrom(bottomModelled, 34);
    assertTrue(top > 0.6 && bottom < 0.4, "mean x of the last iteration's proposals: modelling"
        + " the full rung " + top + ", modelling the first rung " + bottom);
  }
}
