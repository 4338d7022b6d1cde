package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the unnamed multi-fidelity scheduler resolves to, by parallelism and trial budget. */
class MultiFidelityTest {

  @Test
  void resolvesToAshaAboveParallelismOneAndToSuccessiveHalvingAtOne() {
    MultiFidelity auto = new MultiFidelity();
    assertEquals(new Asha().setMinFraction(1.0 / 27), auto.resolve(2, 60));
    assertEquals(new Asha().setMinFraction(1.0 / 27), auto.resolve(8, 27));
    assertEquals(new SuccessiveHalving().setMinFraction(1.0 / 27), auto.resolve(1, 60));
  }

  @Test
  void anUnsetMinFractionBringsAtLeastOneTrialToTheLastRung() {
    MultiFidelity auto = new MultiFidelity();
    assertEquals(1.0 / 3, ((Asha) auto.resolve(2, 3)).getMinFraction(), 1e-15);
    assertEquals(1.0 / 3, ((Asha) auto.resolve(2, 8)).getMinFraction(), 1e-15);
    assertEquals(1.0 / 9, ((Asha) auto.resolve(2, 9)).getMinFraction(), 1e-15);
    assertEquals(1.0 / 9, ((Asha) auto.resolve(2, 26)).getMinFraction(), 1e-15);
    assertEquals(1.0 / 27, ((Asha) auto.resolve(2, 1000)).getMinFraction(), 1e-15);
    // The quotas of 20 trials at rungs 1/9, 1/3, 1: 20, 6, 2; at 1/27 the top would get none.
    assertEquals(List.of(20L, 6L, 2L), auto.resolve(2, 20).candidates(20));
    assertEquals(List.of(20L, 7L, 3L), auto.resolve(1, 20).candidates(20));
  }

  @Test
  void theLadderAsSetCarriesOverToTheResolvedScheduler() {
    MultiFidelity set = new MultiFidelity().setMinFraction(0.05).setMaxFraction(0.8)
        .setReductionFactor(2).setModelMinReports(4);
    assertEquals(new Asha().setMinFraction(0.05).setMaxFraction(0.8).setReductionFactor(2)
        .setModelMinReports(4), set.resolve(2, 10));
    assertEquals(new SuccessiveHalving().setMinFraction(0.05).setMaxFraction(0.8)
        .setReductionFactor(2), set.resolve(1, 10));
    assertEquals(0.8 / 8, ((Asha) new MultiFidelity().setMaxFraction(0.8)
        .setReductionFactor(2).resolve(3, 100)).getMinFraction(), 1e-15);
  }

  @Test
  void unresolvedItSchedulesAsAtParallelismOne() {
    MultiFidelity auto = new MultiFidelity();
    assertEquals(auto.resolve(1, 27).budgets(27), auto.budgets(27));
    ScheduleSimulator.Outcome out = ScheduleSimulator.run(auto, 1, 27);
    assertEquals(List.of(27L, 9L, 3L, 1L), List.of(out.reportedAt(0, 0, 27),
        out.reportedAt(1, 0, 27), out.reportedAt(2, 0, 27), out.reportedAt(3, 0, 27)));
  }

  @Test
  void everyOtherSchedulerResolvesToItself() {
    Scheduler asha = new Asha().setMinFraction(0.1);
    assertSame(asha, asha.resolve(4, 20));
    FullBudget full = new FullBudget();
    assertSame(full, full.resolve(1, 20));
  }

  @Test
  void tooFewTrialsForASecondRungFailNamingTheFix() {
    assertEquals("multiFidelity has 2 trials (the fewer of maxTrials and what the sampler can"
        + " propose), too few to keep the top 1/η (η = 3.0) of a rung and run it on more data;"
        + " allow at least 3 trials, e.g. setMaxTrials(27) for rungs at 1/27, 1/9, 1/3 and all"
        + " of the data, or use FullBudget.",
        assertThrows(IllegalArgumentException.class,
            () -> new MultiFidelity().validate(2, Long.MAX_VALUE)).getMessage());
    assertEquals("multiFidelity has a single rung: minFraction (0.5) times η (3.0) passes"
        + " maxFraction (1.0), so no trial would ever be stopped early; set minFraction to at"
        + " most maxFraction / η = 0.3333333333333333, or lower η.",
        assertThrows(IllegalArgumentException.class,
            () -> new MultiFidelity().setMinFraction(0.5).validate(20, 20)).getMessage());
  }
}
