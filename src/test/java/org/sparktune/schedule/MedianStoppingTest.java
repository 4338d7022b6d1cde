package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The median stopping rule on hand-built views, and its decisions in the pure simulator. */
class MedianStoppingTest {

  private static final MedianStopping MEDIAN = new MedianStopping().setMinFraction(1.0 / 9);

  @Test
  void prunesATrialWorseThanTheMedianAndKeepsABetterOne() {
    Budget rung1 = MEDIAN.budgets(10).get(1);
    assertEquals(new Decision.Prune(5), MEDIAN.next(judging(0.9, 5)));
    assertEquals(new Decision.Run(5, rung1), MEDIAN.next(judging(0.1, 5)));
  }

  @Test
  void aTrialAtTheMedianGoesOn() {
    assertEquals(new Decision.Run(5, MEDIAN.budgets(10).get(1)),
        MEDIAN.next(judging(0.4, 5)));
  }

  @Test
  void judgesOnlyOnceEnoughOtherTrialsReportedAtTheRung() {
    Budget rung1 = MEDIAN.budgets(10).get(1);
    assertEquals(new Decision.Run(4, rung1), MEDIAN.next(judging(0.9, 4)));
    assertEquals(new Decision.Prune(4),
        new MedianStopping().setMinFraction(1.0 / 9).setMinTrials(4).next(judging(0.9, 4)));
  }

  @Test
  void startupTrialsAreNeverStopped() {
    assertEquals(new Decision.Run(5, MEDIAN.budgets(10).get(1)), new MedianStopping()
        .setMinFraction(1.0 / 9).setStartupTrials(6).next(judging(0.9, 5)));
  }

  @Test
  void aClearlyBadTrialStopsAtTheFirstRungAndTheBestCompletes() {
    for (int parallelism : new int[] {1, 4}) {
      ScheduleSimulator.Outcome out = ScheduleSimulator.run(MEDIAN, parallelism, 40);
      assertEquals(40, out.trials().size());
      int worst = 10;
      for (int n = 10; n < 40; n++) {
        if (ScheduleSimulator.loss(n, 1.0 / 9) > ScheduleSimulator.loss(worst, 1.0 / 9)) {
          worst = n;
        }
      }
      TrialProgress bad = out.trials().get(worst);
      assertEquals(TrialProgress.Status.PRUNED, bad.status());
      assertEquals(1, bad.reports().size());
      assertEquals(TrialProgress.Status.COMPLETE, out.trials().get(0).status());
      long complete = out.count(TrialProgress.Status.COMPLETE);
      assertTrue(complete > 1 && complete < 30, complete + " complete");
      for (TrialProgress t : out.trials()) {
        assertEquals(t.status() == TrialProgress.Status.COMPLETE, t.report(2).isPresent());
      }
    }
  }

  @Test
  void sameLossesGiveTheSameDecisionsTwice() {
    assertEquals(ScheduleSimulator.run(MEDIAN, 1, 40).decisions(),
        ScheduleSimulator.run(MEDIAN, 1, 40).decisions());
  }

  @Test
  void badConfigurationsFailWithTheFix() {
    assertEquals("medianStopping minTrials is 0; the median rule compares a trial with the"
        + " results of at least 1 other trial at its rung, so it must be at least 1: 5 is the"
        + " usual choice.", assertThrows(IllegalArgumentException.class,
            () -> new MedianStopping().setMinTrials(0)).getMessage());
    assertEquals("medianStopping reductionFactor (η) is 1.0; it must be a finite number of at"
        + " least 2 (each rung keeps 1/η of its candidates and gives them η times the data): 3"
        + " is the usual choice.", assertThrows(IllegalArgumentException.class,
            () -> new MedianStopping().setReductionFactor(1)).getMessage());
    assertEquals("medianStopping minFraction (1.0) must be below maxFraction (1.0); lower"
        + " minFraction, e.g. to maxFraction / 27, or raise maxFraction.",
        assertThrows(IllegalArgumentException.class,
            () -> new MedianStopping().setMinFraction(1).validate(10, 10)).getMessage());
    assertEquals("medianStopping minFraction is 1.5; a data fraction must lie in (0, 1], e.g."
        + " 1/27 = 0.037 for the first rung of 27 candidates with η = 3.",
        assertThrows(IllegalArgumentException.class,
            () -> new MedianStopping().setMinFraction(1.5)).getMessage());
  }

  /**
   * Trial 5, active, reported {@code loss} at rung 0; trials 0 .. {@code others - 1} finished
   * with 0.2, 0.3, 0.4, 0.5, 0.6 there.
   */
  private static SchedulerView judging(double loss, int others) {
    List<TrialProgress> trials = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      trials.add(new TrialProgress(i, TrialProgress.Status.PRUNED,
          List.of(new RungReport(0, 1.0 / 9, 0.2 + 0.1 * i))));
    }
    trials.add(new TrialProgress(others, TrialProgress.Status.ACTIVE,
        List.of(new RungReport(0, 1.0 / 9, loss))));
    return new SchedulerView(trials, Set.of(), false, 10);
  }
}
