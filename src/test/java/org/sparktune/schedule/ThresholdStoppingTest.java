package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The threshold rule in the pure simulator, and its bad input. */
class ThresholdStoppingTest {

  private static final ThresholdStopping THRESHOLD = new ThresholdStopping()
      .setMinFraction(1.0 / 9).setThreshold(0.5);

  @Test
  void stopsATrialAtTheFirstRungItsLossPassesTheThreshold() {
    ScheduleSimulator.Outcome out = ScheduleSimulator.run(THRESHOLD, 1, 30);
    assertEquals(30, out.trials().size());
    for (TrialProgress t : out.trials()) {
      List<RungReport> reports = t.reports();
      for (int k = 0; k < reports.size() - 1; k++) {
        assertTrue(reports.get(k).loss() <= 0.5, "trial " + t.number() + " went on");
      }
      if (t.status() == TrialProgress.Status.PRUNED) {
        assertTrue(reports.get(reports.size() - 1).loss() > 0.5, "trial " + t.number());
      } else {
        assertEquals(TrialProgress.Status.COMPLETE, t.status());
        assertEquals(3, reports.size());
      }
    }
    assertTrue(out.count(TrialProgress.Status.PRUNED) > 0);
    assertTrue(out.count(TrialProgress.Status.COMPLETE) > 0);
  }

  @Test
  void theOutcomeIsTheSameAtParallelismOneAndFour() {
    assertEquals(ScheduleSimulator.run(THRESHOLD, 1, 30).trials(),
        ScheduleSimulator.run(THRESHOLD, 4, 30).trials());
  }

  @Test
  void badConfigurationsFailWithTheFix() {
    assertEquals("thresholdStopping threshold is NaN; it must be a finite loss (the metric when"
        + " the study minimizes, minus the metric when it maximizes), e.g. -0.6 to stop trials"
        + " whose AUC falls below 0.6.", assertThrows(IllegalArgumentException.class,
            () -> new ThresholdStopping().setThreshold(Double.NaN)).getMessage());
    assertEquals("thresholdStopping threshold is Infinity; it must be a finite loss (the metric"
        + " when the study minimizes, minus the metric when it maximizes), e.g. -0.6 to stop"
        + " trials whose AUC falls below 0.6.", assertThrows(IllegalArgumentException.class,
            () -> new ThresholdStopping().setThreshold(Double.POSITIVE_INFINITY)).getMessage());
    assertEquals("thresholdStopping needs a threshold, the loss past which a trial stops; set it"
        + " with setThreshold, e.g. -0.6 to stop trials whose AUC falls below 0.6 (losses are"
        + " the metric, or minus the metric when the study maximizes).",
        assertThrows(IllegalArgumentException.class, () -> new ThresholdStopping()
            .setMinFraction(1.0 / 9).validate(10, 10)).getMessage());
    assertEquals("thresholdStopping has a single rung: minFraction (0.5) times η (3.0) passes"
        + " maxFraction (1.0), so no trial would ever be stopped early; set minFraction to at"
        + " most maxFraction / η = 0.3333333333333333, or lower η.",
        assertThrows(IllegalArgumentException.class, () -> new ThresholdStopping()
            .setMinFraction(0.5).setThreshold(1).validate(10, 10)).getMessage());
  }
}
