package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ASHA's promotion rule on hand-built views, and its decisions in the pure simulator. */
class AshaTest {

  private static final Asha ASHA = new Asha().setMinFraction(1.0 / 27);

  @Test
  void promotesExactlyTheTopThirdOfARungTiesToTheLowerNumber() {
    double[] losses = {0.5, 0.2, 0.9, 0.2, 0.7, 0.1, 0.8, 0.6, 0.4};
    assertEquals(List.of(5, 1, 3), promotionsFromRungZero(losses, 9));
    assertEquals(List.of(5, 1), promotionsFromRungZero(losses, 8));
    assertEquals(List.of(), promotionsFromRungZero(losses, 2));
  }

  @Test
  void aTrialThatReportedAboveOrRunsIsPromotedAlready() {
    List<TrialProgress> trials = rungZero(new double[] {0.5, 0.2, 0.9, 0.2, 0.7, 0.1}, 6);
    trials.set(5, new TrialProgress(5, TrialProgress.Status.ACTIVE,
        List.of(new RungReport(0, 1.0 / 27, 0.1), new RungReport(1, 1.0 / 9, 0.3))));
    SchedulerView view = new SchedulerView(trials, Set.of(), false, 6);
    assertEquals(new Decision.Run(1, ASHA.budgets(6).get(1)), ASHA.next(view));
    view = new SchedulerView(trials, Set.of(1), false, 6);
    assertEquals(Decision.WAIT, ASHA.next(view));
  }

  @Test
  void looksFromTheTopRungDown() {
    List<TrialProgress> trials = rungZero(new double[] {0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 0.7, 0.8,
        0.9}, 9);
    double[] rungOne = {0.3, 0.1, 0.2};
    for (int i = 0; i < 3; i++) {
      trials.set(i, new TrialProgress(i, TrialProgress.Status.ACTIVE, List.of(
          trials.get(i).reports().get(0), new RungReport(1, 1.0 / 9, rungOne[i]))));
    }
    List<Budget> rungs = ASHA.budgets(27);
    assertEquals(new Decision.Run(1, rungs.get(2)),
        ASHA.next(new SchedulerView(trials, Set.of(), true, 27)));
    assertEquals(new Decision.Start(rungs.get(0)),
        ASHA.next(new SchedulerView(trials, Set.of(1), true, 27)));
  }

  @Test
  void neverWaitsWhileASlotIsFreeAndATrialCouldStart() {
    for (int parallelism : new int[] {1, 4}) {
      ScheduleSimulator.Outcome out = ScheduleSimulator.run(ASHA, parallelism, 60);
      assertEquals(60, out.trials().size());
      assertEquals(0, out.idleWaits(), "parallelism " + parallelism);
    }
  }

  @Test
  void completesAtTheTopAndPrunesTheRestAtTheEnd() {
    for (int parallelism : new int[] {1, 4}) {
      ScheduleSimulator.Outcome out = ScheduleSimulator.run(ASHA, parallelism, 60);
      for (TrialProgress t : out.trials()) {
        boolean top = t.report(3).isPresent();
        assertEquals(top ? TrialProgress.Status.COMPLETE : TrialProgress.Status.PRUNED,
            t.status(), "trial " + t.number());
      }
      assertTrue(out.count(TrialProgress.Status.COMPLETE) >= 1);
      for (int k = 0; k < 3; k++) {
        assertTrue(out.reportedAt(k + 1, 0, 60) < out.reportedAt(k, 0, 60), "rung " + k);
      }
      List<Decision> d = out.decisions();
      assertEquals(Decision.DONE, d.get(d.size() - 1));
      assertInstanceOf(Decision.Prune.class, d.get(d.size() - 2));
    }
  }

  @Test
  void everyPromotionIsOfATrialInTheTopThirdOfItsRungAtThatMoment() {
    for (int parallelism : new int[] {1, 4}) {
      int[] promotions = new int[1];
      ScheduleSimulator.run(ASHA, parallelism, 60, ScheduleSimulator::loss, (view, d) -> {
        if (d instanceof Decision.Run r && r.budget().rung() > 0) {
          int k = r.budget().rung() - 1;
          long reported = view.trials().stream().filter(t -> t.report(k).isPresent()).count();
          List<Integer> top = Rungs.ranked(view.trials(), k).subList(0, (int) (reported / 3))
              .stream().map(TrialProgress::number).toList();
          assertTrue(top.contains(r.trial()), r + " is not in the top third " + top);
          promotions[0]++;
        }
      });
      assertTrue(promotions[0] > 20, promotions[0] + " promotions");
    }
  }

  @Test
  void sameLossesGiveTheSameDecisionsTwice() {
    assertEquals(ScheduleSimulator.run(ASHA, 1, 60).decisions(),
        ScheduleSimulator.run(ASHA, 1, 60).decisions());
  }

  @Test
  void rungsGrowByEtaFromTheMinimumFraction() {
    assertEquals(List.of(60L, 20L, 6L, 2L), ASHA.candidates(60));
    List<Budget> rungs = ASHA.budgets(60);
    assertEquals(1.0, rungs.get(3).fraction(), 0);
    List<Double> fractions = new ArrayList<>();
    new Asha().setMinFraction(0.05).budgets(60).forEach(b -> fractions.add(b.fraction()));
    assertEquals(List.of(0.05, 0.15, 0.45), fractions.stream()
        .map(f -> Math.round(f * 1e12) / 1e12).toList());
  }

  @Test
  void badConfigurationsFailWithTheFix() {
    assertEquals("asha reductionFactor (η) is 1.5; it must be a finite number of at least 2"
        + " (each rung keeps 1/η of its candidates and gives them η times the data): 3 is the"
        + " usual choice.", assertThrows(IllegalArgumentException.class,
            () -> new Asha().setReductionFactor(1.5)).getMessage());
    assertEquals("asha minFraction is 0.0; a data fraction must lie in (0, 1], e.g. 1/27 ="
        + " 0.037 for the first rung of 27 candidates with η = 3.",
        assertThrows(IllegalArgumentException.class,
            () -> new Asha().setMinFraction(0)).getMessage());
    assertEquals("asha minFraction (0.5) must be below maxFraction (0.25); lower minFraction,"
        + " e.g. to maxFraction / 27, or raise maxFraction.",
        assertThrows(IllegalArgumentException.class, () -> new Asha().setMinFraction(0.5)
            .setMaxFraction(0.25).validate(60, 100)).getMessage());
    assertEquals("asha needs minFraction, the data fraction of its smallest rung; set it, e.g."
        + " setMinFraction(1.0 / 27) for rungs at 1/27, 1/9, 1/3 and all of the data with η ="
        + " 3 and maxFraction = 1.", assertThrows(IllegalArgumentException.class,
            () -> new Asha().budgets(60)).getMessage());
  }

  /**
   * The trials promoted from rung 0 of a view with the first {@code reported} of {@code
   * losses} reported there and no trial to start, applying each Run until the scheduler waits.
   */
  private static List<Integer> promotionsFromRungZero(double[] losses, int reported) {
    List<TrialProgress> trials = rungZero(losses, reported);
    Set<Integer> running = new HashSet<>();
    List<Integer> promoted = new ArrayList<>();
    while (true) {
      Decision d = ASHA.next(new SchedulerView(trials, running, false, losses.length));
      if (!(d instanceof Decision.Run r)) {
        assertEquals(running.isEmpty() ? new Decision.Prune(0) : Decision.WAIT, d);
        return promoted;
      }
      assertEquals(1, r.budget().rung());
      promoted.add(r.trial());
      running.add(r.trial());
    }
  }

  /** Trials {@code 0 .. reported - 1}, active, each with its loss at rung 0. */
  private static List<TrialProgress> rungZero(double[] losses, int reported) {
    List<TrialProgress> trials = new ArrayList<>();
    for (int i = 0; i < reported; i++) {
      trials.add(new TrialProgress(i, TrialProgress.Status.ACTIVE,
          List.of(new RungReport(0, 1.0 / 27, losses[i]))));
    }
    return trials;
  }
}
