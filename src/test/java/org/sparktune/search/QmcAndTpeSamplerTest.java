package org.sparktune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparktune.space.Dimension;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

class QmcAndTpeSamplerTest {

  @Test
  void scrambledSobolPutsOnePointInEachEqualCellOfAPowerOfTwo() {
    for (long seed : new long[] {1, 2, 3}) {
      Set<Integer> cells = new HashSet<>();
      for (int i = 0; i < 16; i++) {
        double[] p = QmcSampler.point(2, i, seed);
        cells.add((int) (p[0] * 4) * 4 + (int) (p[1] * 4));
      }
      assertEquals(16, cells.size(), "16 points fill the 4x4 grid of cells, seed " + seed);
    }
    assertNotEquals(QmcSampler.point(2, 3, 1)[0], QmcSampler.point(2, 3, 2)[0]);
  }

  private static double bestAfter(Sampler sampler, long seed, int trials) {
    Study study = Study.create(new SearchSpace().uniform("x", -5, 5).uniform("y", -5, 5),
        sampler, Direction.MINIMIZE, seed);
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      Trial t = study.ask();
      double x = (Double) t.params().get("x") - 1.3;
      double y = (Double) t.params().get("y") + 0.7;
      double f = x * x + y * y;
      study.tell(t, f);
      best = Math.min(best, f);
    }
    return best;
  }

  @Test
  void tpeBeatsRandomSearchOnAQuadraticInMostSeeds() {
    int wins = 0;
    for (long seed = 1; seed <= 20; seed++) {
      double tpe = bestAfter(new TpeSampler(), seed, 40);
      double random = bestAfter(new RandomSampler(), seed, 40);
      wins += tpe < random ? 1 : 0;
    }
    // One-sided sign test: if TPE were no better than random, P(wins >= 15 of 20) = 0.021.
    assertTrue(wins >= 15, "TPE better in " + wins + " of 20 seeds");
  }

  private static final List<Dimension> UNIT = new SearchSpace().uniform("x", 0, 1).dimensions();
  private static final int TOLD = 20;
  private static final int IN_FLIGHT = 8;

  private static SamplingContext context(List<Observation> history, int number, long seed) {
    return new SamplingContext(UNIT, history, number, Seeds.derive(seed, number), seed);
  }

  /**
   * {@value #TOLD} trials of {@code (x - 0.3)^2} asked and told one by one, then
   * {@value #IN_FLIGHT} asked at once (each still running when the next is asked).
   */
  private static List<Observation> askedWhileRunning(TpeSampler tpe, long seed) {
    List<Observation> history = new ArrayList<>();
    for (int i = 0; i < TOLD + IN_FLIGHT; i++) {
      Map<String, Object> p = tpe.sample(context(history, i, seed));
      double x = (Double) p.get("x");
      history.add(i < TOLD
          ? new Observation(i, p, Observation.Status.COMPLETE, (x - 0.3) * (x - 0.3))
          : new Observation(i, p, Observation.Status.RUNNING, Double.NaN));
    }
    return history;
  }

  private static double spreadInFlight(List<Observation> history) {
    DoubleSummaryStatistics xs = history.subList(TOLD, history.size()).stream()
        .mapToDouble(o -> (Double) o.params().get("x")).summaryStatistics();
    return xs.getMax() - xs.getMin();
  }

  @Test
  void withoutTheLiarTrialsStillRunningAreIgnored() {
    TpeSampler tpe = new TpeSampler().setConstantLiar(false);
    for (long seed = 1; seed <= 5; seed++) {
      List<Observation> history = askedWhileRunning(tpe, seed);
      List<Observation> told = history.subList(0, TOLD);
      for (int i = TOLD; i < history.size(); i++) {
        assertEquals(tpe.sample(context(told, i, seed)), history.get(i).params(),
            "seed " + seed + ", trial " + i + " is what the told trials alone give");
      }
    }
  }

  @Test
  void theConstantLiarSpreadsConcurrentAsksApart() {
    TpeSampler liar = new TpeSampler();
    TpeSampler noLiar = new TpeSampler().setConstantLiar(false);
    int wider = 0;
    for (long seed = 1; seed <= 20; seed++) {
      List<Observation> history = askedWhileRunning(liar, seed);
      List<Observation> told = history.subList(0, TOLD);
      int moved = 0;
      for (int i = TOLD + 1; i < history.size(); i++) {
        moved += history.get(i).params().equals(liar.sample(context(told, i, seed))) ? 0 : 1;
      }
      assertTrue(moved > 0, "seed " + seed + ": trials still running moved no proposal");
      wider += spreadInFlight(history) > spreadInFlight(askedWhileRunning(noLiar, seed)) ? 1 : 0;
    }
    // One-sided sign test: were the liar no wider than none, P(wider >= 15 of 20) = 0.021.
    assertTrue(wider >= 15, IN_FLIGHT + " asks in flight spread wider with the liar in " + wider
        + " of 20 seeds");
  }

  @Test
  void tpeProposesTheSameTrialForTheSameHistory() {
    TpeSampler tpe = new TpeSampler().setStartupTrials(3);
    SearchSpace space = new SearchSpace().uniform("x", 0, 1).categorical("c", "a", "b");
    List<Observation> history = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> p = tpe.sample(new SamplingContext(space.dimensions(), history, i,
          Seeds.derive(2, i), 2));
      history.add(new Observation(i, p, Observation.Status.COMPLETE, (Double) p.get("x")));
    }
    SamplingContext ctx = new SamplingContext(space.dimensions(), history, 12, 99, 2);
    assertEquals(tpe.sample(ctx), tpe.sample(ctx));
  }

  @Test
  void tpeOptionsOutOfRangeFailNamingTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TpeSampler().setGamma(1.0));
    assertEquals("sampler 'tpe' option 'gamma' is 1.0; it must be strictly between 0 and 1.",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Samplers.fromConfig("tpe", Map.of("gama", 0.2)));
    assertEquals("sampler 'tpe' has no option 'gama'; its options are [candidates,"
        + " constantLiar, gamma, maxGood, multivariate, normalizedKernels, priorWeight,"
        + " startupTrials].",
        e.getMessage());
  }

  @Test
  void everyTpeOptionSurvivesJson() {
    TpeSampler tpe = new TpeSampler().setNormalizedKernels(true).setMultivariate(true)
        .setConstantLiar(false).setPriorWeight(2.5).setGamma(0.2).setCandidates(48)
        .setMaxGood(10).setStartupTrials(5);
    assertEquals(tpe, Samplers.fromJson(Samplers.toJson(tpe)));
    assertNotEquals(new TpeSampler(), Samplers.fromJson(Samplers.toJson(tpe)));
    GpSampler gp = new GpSampler().setWarpTargets(false).setRestarts(3).setCandidates(64)
        .setStartupTrials(4);
    assertEquals(gp, Samplers.fromJson(Samplers.toJson(gp)));
    assertNotEquals(new GpSampler(), gp);
  }

  @Test
  void tpeAndQmcRoundTripThroughJson() {
    Sampler tpe = new TpeSampler().setMultivariate(true).setCandidates(40).setGamma(0.2);
    assertEquals(tpe, Samplers.fromJson(Samplers.toJson(tpe)));
    assertEquals(new QmcSampler(), Samplers.fromJson(Samplers.toJson(new QmcSampler())));
  }
}
