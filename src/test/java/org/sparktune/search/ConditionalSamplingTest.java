package org.sparktune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/** Every sampler over a space whose dimensions apply only under conditions. */
class ConditionalSamplingTest {

  /**
   * Two branches: "a" searches x (and, when deep, a nested int), "b" searches y on a log scale
   * and a categorical. Branch a holds the optimum (0 at x = 0.8, deep, depth 3; any depth
   * beats not deep); b is at best 0.3.
   */
  static SearchSpace branches() {
    return new SearchSpace()
        .uniform("shared", 0, 1)
        .categorical("branch", "a", "b")
        .when("branch", "a", s -> s
            .uniform("x", 0, 1)
            .categorical("deep", true, false)
            .when("deep", true, t -> t.intRange("depth", 1, 8)))
        .when("branch", "b", s -> s
            .logUniform("y", 1e-3, 1)
            .categorical("kind", "u", "v", "w"));
  }

  static double objective(Map<String, Object> p) {
    double shared = (Double) p.get("shared") - 0.5;
    if (p.get("branch").equals("a")) {
      double x = (Double) p.get("x") - 0.8;
      double depth = p.get("deep").equals(true) ? ((Long) p.get("depth") - 3) / 20.0 : 0.3;
      return x * x + depth * depth + 0.1 * shared * shared;
    }
    double y = Math.log10((Double) p.get("y")) + 2;
    return 0.3 + 0.1 * y * y + (p.get("kind").equals("v") ? 0 : 0.1);
  }

  static Stream<Sampler> samplers() {
    return Stream.of(new RandomSampler(), new QmcSampler(), new TpeSampler(),
        new TpeSampler().setMultivariate(true), new GpSampler().setStartupTrials(6)
            .setCandidates(128));
  }

  /** Runs a study; Study.ask checks every proposal gives exactly the dimensions that apply. */
  private static List<Trial> run(Sampler sampler, long seed, int trials) {
    Study study = Study.create(branches(), sampler, Direction.MINIMIZE, seed);
    for (int i = 0; i < trials; i++) {
      Trial t = study.ask();
      study.tell(t, objective(t.params()));
    }
    return study.trials();
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void everyProposalHasExactlyTheDimensionsThatApplyAndBothBranchesAreTried(Sampler sampler) {
    List<Trial> trials = run(sampler, 3, 30);
    Set<Object> branches = new HashSet<>();
    for (Trial t : trials) {
      Map<String, Object> p = t.params();
      branches.add(p.get("branch"));
      boolean a = p.get("branch").equals("a");
      assertEquals(a, p.containsKey("x"), p.toString());
      assertEquals(!a, p.containsKey("y"), p.toString());
      assertEquals(a && p.get("deep").equals(true), p.containsKey("depth"), p.toString());
    }
    assertEquals(Set.of("a", "b"), branches);
  }

  @Test
  void aConditionalGridHoldsEachCombinationOnceAndOnlyOnce() {
    SearchSpace space = new SearchSpace()
        .categorical("penalty", "none", "l2", "elasticNet")
        .whenAny("penalty", List.of("l2", "elasticNet"), s -> s.logUniform("reg", 1e-3, 1))
        .when("penalty", "elasticNet", s -> s.uniform("mix", 0, 1))
        .categorical("intercept", true, false);
    GridSampler grid = new GridSampler().setGridPoints(3).setGridPoints("mix", 2);
    // none: 1; l2: 3 regs; elasticNet: 3 regs x 2 mixes; each with 2 intercepts.
    assertEquals(20, grid.capacity(space.dimensions()));
    Study study = Study.create(space, grid, Direction.MINIMIZE, 1);
    Set<Map<String, Object>> seen = new HashSet<>();
    while (study.hasNext()) {
      Trial t = study.ask();
      assertTrue(seen.add(t.params()), "repeated " + t.params());
      study.tell(t, 0.0);
    }
    assertEquals(20, seen.size());
    assertEquals(Map.of("penalty", "none", "intercept", true), study.trials().get(0).params());
  }

  @Test
  void tpeLearnsWhichBranchIsBetterAndTunesItsDimensions() {
    // Over 10 seeds x 60 trials, TPE (10 start-up trials) must put at least 70% of its last 30
    // trials in branch a (random search: about 50%), and beat random search's best in at least
    // 8 of the 10 seeds (if it were no better, P(>= 8 of 10) = 0.055).
    int inA = 0;
    int wins = 0;
    for (long seed = 1; seed <= 10; seed++) {
      double tpe = Double.POSITIVE_INFINITY;
      for (Trial t : run(new TpeSampler(), seed, 60)) {
        tpe = Math.min(tpe, t.value());
        if (t.number() >= 30 && t.params().get("branch").equals("a")) {
          inA++;
        }
      }
      double random = run(new RandomSampler(), seed, 60).stream()
          .mapToDouble(Trial::value).min().orElseThrow();
      wins += tpe < random ? 1 : 0;
    }
    assertTrue(inA >= 0.7 * 300, inA + " of 300 late trials in branch a");
    assertTrue(wins >= 8, "TPE better than random in " + wins + " of 10 seeds");
  }
}
