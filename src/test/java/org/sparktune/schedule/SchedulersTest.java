package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every scheduler through the codec, and the observed rung of the study's progress. */
class SchedulersTest {

  @Test
  void everySchedulerRoundTripsThroughJson() {
    List<Scheduler> all = List.of(new FullBudget(), new SuccessiveHalving().setMinFraction(0.1),
        new Hyperband().setMinFraction(1.0 / 81).setMaxFraction(0.9).setReductionFactor(3)
            .setModelMinReports(4),
        new Asha().setMinFraction(0.01).setMaxFraction(0.5).setReductionFactor(4)
            .setModelMinReports(7),
        new MedianStopping().setMinFraction(1.0 / 9).setReductionFactor(2).setMinTrials(3)
            .setStartupTrials(8).setModelMinReports(6),
        new ThresholdStopping().setMinFraction(0.2).setThreshold(-0.65).setModelMinReports(2),
        new MultiFidelity().setMinFraction(0.05).setReductionFactor(2).setModelMinReports(3),
        new Hyperband(), new Asha(), new MultiFidelity(), new MedianStopping(),
        new ThresholdStopping());
    for (Scheduler s : all) {
      Scheduler back = Schedulers.fromJson(Schedulers.toJson(s));
      assertEquals(s, back, s.toString());
      assertEquals(s.config(), back.config());
    }
  }

  @Test
  void schedulersAreBuiltFromTheirNameAndOptions() {
    assertEquals(new Asha().setMinFraction(0.04), Schedulers.fromConfig("asha",
        Map.of("minFraction", 0.04)));
    assertEquals(new MedianStopping().setMinFraction(0.1).setMinTrials(3),
        Schedulers.fromConfig("medianStopping", Map.of("minFraction", 0.1, "minTrials", 3)));
    assertEquals("scheduler 'hyperband' has no option 'eta'; its options are [maxFraction,"
        + " minFraction, modelMinReports, reductionFactor].",
        assertThrows(IllegalArgumentException.class, () -> Schedulers.fromConfig("hyperband",
            Map.of("eta", 3))).getMessage());
    assertEquals("scheduler 'thresholdStopping' option 'threshold' is high; it must be a"
        + " number.", assertThrows(IllegalArgumentException.class, () -> Schedulers
            .fromConfig("thresholdStopping", Map.of("threshold", "high"))).getMessage());
    assertEquals(new MultiFidelity().setMaxFraction(0.5), Schedulers.fromConfig("multiFidelity",
        Map.of("maxFraction", 0.5)));
    assertEquals("unknown scheduler 'bohb'; the schedulers are [asha, fullBudget, hyperband,"
        + " medianStopping, multiFidelity, successiveHalving, thresholdStopping].",
        assertThrows(IllegalArgumentException.class, () -> Schedulers.fromConfig("bohb",
            Map.of())).getMessage());
  }

  @Test
  void schedulersWithOneObservedRungKeepItWhateverTheProgress() {
    SchedulerView view = new SchedulerView(List.of(new TrialProgress(0,
        TrialProgress.Status.ACTIVE, List.of(new RungReport(1, 0.5, 0.1)))), Set.of(), true, 9);
    assertEquals(0, new FullBudget().observedRung(view));
    assertEquals(0, new SuccessiveHalving().observedRung(view));
  }

  @Test
  void theSimulatorRunsSuccessiveHalvingAsTheTrialLoopDoes() {
    ScheduleSimulator.Outcome out = ScheduleSimulator.run(
        new SuccessiveHalving().setMinFraction(1.0 / 27), 4, 27);
    assertEquals(List.of(27L, 9L, 3L, 1L), List.of(out.reportedAt(0, 0, 27),
        out.reportedAt(1, 0, 27), out.reportedAt(2, 0, 27), out.reportedAt(3, 0, 27)));
    assertEquals(1, out.count(TrialProgress.Status.COMPLETE));
  }
}
